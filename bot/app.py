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
from bot.middleware import drop_retried_events, reinstate_returning_teams
from bot.process_config import BotConfig
from ritual.deps import Deps

log = logging.getLogger(__name__)


NOT_RESENT_AFTER_A_RESET = ("chat.postMessage",)


class SafeConnectionRetries(ConnectionErrorRetryHandler):
    """Retry after a connection error, except calls whose first try may have done the work:
    a reset after Slack stored a message would post it twice. Those fail, and the digest's
    own retry looks for the message first."""

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        if any(request.url.endswith(method) for method in NOT_RESENT_AFTER_A_RESET):
            return False
        return super()._can_retry(state=state, request=request, response=response, error=error)


def web_client(config: BotConfig, token: str | None = None) -> WebClient:
    """A Web API client that honours SLACK_API_URL and retries on 429 and (safe) connection errors."""
    client = WebClient(token=token or config.bot_token, base_url=config.api_url, timeout=30)
    # replaces slack_sdk's defaults, whose connection-error handler would resend chat.postMessage
    client.retry_handlers = [RateLimitErrorRetryHandler(max_retry_count=3),
                             SafeConnectionRetries(max_retry_count=2)]
    return client


def build_app(config: BotConfig, deps: Deps, *, process_before_response: bool = False) -> App:
    """The Bolt app with every listener registered."""
    app = App(
        signing_secret=config.signing_secret,
        client=web_client(config),
        process_before_response=process_before_response,
    )
    app.middleware(drop_retried_events(deps))
    app.middleware(reinstate_returning_teams(deps))
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
