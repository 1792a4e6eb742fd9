"""The Slack Web API client every part of the bot uses: SLACK_API_URL, timeouts and safe retries."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot.process_config import BotConfig

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
