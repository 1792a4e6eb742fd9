"""Building the Bolt app: its Web API client, middleware and listeners."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot.listeners import register_listeners
from bot.middleware import drop_retried_events
from bot.process_config import BotConfig
from ritual.deps import Deps

log = logging.getLogger(__name__)


def web_client(config: BotConfig) -> WebClient:
    """A Web API client that honours SLACK_API_URL and retries on 429 and connection errors."""
    client = WebClient(token=config.bot_token, base_url=config.api_url)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=3))
    client.retry_handlers.append(ConnectionErrorRetryHandler(max_retry_count=2))
    return client


def build_app(config: BotConfig, deps: Deps, *, process_before_response: bool = False) -> App:
    """The Bolt app with every listener registered."""
    app = App(
        signing_secret=config.signing_secret,
        client=web_client(config),
        process_before_response=process_before_response,
    )
    app.middleware(drop_retried_events(deps))
    register_listeners(app, deps)
    return app


SLACK_PATH = "/slack/events"


def slack_routes(app: App) -> dict:
    """Bolt's WSGI endpoint at Slack's events path (commands, interactivity and events)."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    return {SLACK_PATH: SlackRequestHandler(app)}


def run_socket_mode(app: App, app_token: str) -> None:
    """Serve Slack over Socket Mode until interrupted (no public URL needed)."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    SocketModeHandler(app, app_token).start()
