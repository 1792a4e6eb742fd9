"""Before serving: does Slack answer, and does it accept the tokens? One line for the operator."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.process_config import BotConfig

CHECK_TIMEOUT_SECONDS = 10
BOT_TOKEN_HINT = "the Bot User OAuth Token (xoxb-…) under OAuth & Permissions"
# slack_sdk logs each failed try with its traceback; the check says it once, in one line
QUIET = logging.getLogger(__name__ + ".client")
QUIET.propagate = False
QUIET.addHandler(logging.NullHandler())
APP_TOKEN_HINT = ("an app-level token (xapp-…) with the scope connections:write under Basic "
                  "Information → App-Level Tokens")


def token_mix_up(config: BotConfig) -> str | None:
    """A token that is missing beside another, or sits in the other one's variable."""
    if config.app_token and not config.bot_token and not config.oauth_enabled:
        return ("SLACK_APP_TOKEN alone is not enough: Socket Mode also needs SLACK_BOT_TOKEN, "
                + BOT_TOKEN_HINT)
    if (config.bot_token or "").startswith("xapp-"):
        return f"SLACK_BOT_TOKEN holds an app-level token (xapp-…); it takes {BOT_TOKEN_HINT}"
    if config.app_token and not config.app_token.startswith("xapp-"):
        return f"SLACK_APP_TOKEN is not an app-level token; it takes {APP_TOKEN_HINT}"
    return None


def _refusal(call, variable: str, hint: str, api_url: str) -> str | None:
    try:
        call()
    except SlackApiError as error:
        code = error.response.get("error") if isinstance(error.response.data, dict) else None
        return f"Slack refused {variable} ({code or error.response.status_code}); it takes {hint}"
    except (SlackClientError, OSError) as error:
        reason = str(getattr(error, "reason", None) or error) or type(error).__name__
        return f"cannot reach Slack at {api_url}: {reason}"
    return None


def slack_problem(config: BotConfig) -> str | None:
    """Why Slack will not work with this configuration (unreachable, a token refused); or None."""
    if config.oauth_enabled:
        return None  # each workspace's token is checked when its requests come
    client = WebClient(token=config.bot_token, base_url=config.api_url,
                       timeout=CHECK_TIMEOUT_SECONDS, logger=QUIET)
    problem = _refusal(client.auth_test, "SLACK_BOT_TOKEN", BOT_TOKEN_HINT, config.api_url)
    if problem is None and config.app_token:
        problem = _refusal(lambda: client.apps_connections_open(app_token=config.app_token),
                           "SLACK_APP_TOKEN", APP_TOKEN_HINT, config.api_url)
    return problem
