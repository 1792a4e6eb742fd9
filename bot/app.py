"""Building the Bolt app: its Web API client, middleware and listeners."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot.config import BotConfig
from bot.dedupe import drop_retried_events
from bot.listeners import register_listeners
from bot.services import Services

log = logging.getLogger(__name__)


def web_client(config: BotConfig) -> WebClient:
    """A Web API client that honours SLACK_API_URL and retries on 429 and connection errors."""
    client = WebClient(token=config.bot_token, base_url=config.api_url)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=3))
    client.retry_handlers.append(ConnectionErrorRetryHandler(max_retry_count=2))
    return client


def build_app(config: BotConfig, services: Services, *, process_before_response: bool = False) -> App:
    """The Bolt app with every listener registered."""
    app = App(
        signing_secret=config.signing_secret,
        client=web_client(config),
        process_before_response=process_before_response,
    )
    app.middleware(drop_retried_events(services))
    register_listeners(app, services)
    return app
