"""The link from a digest to the app's Home tab (app_redirect needs the app's id)."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)
APP_IDS: dict[str, str] = {}  # bot id → app id; an app's id never changes


def app_id_of(client: WebClient) -> str | None:
    """The app's id: auth.test names the bot, bots.info its app (cached)."""
    try:
        bot_id = client.auth_test().get("bot_id")
        if bot_id and bot_id not in APP_IDS:
            app_id = (client.bots_info(bot=bot_id).get("bot") or {}).get("app_id")
            if app_id:
                APP_IDS[bot_id] = app_id
        return APP_IDS.get(bot_id)
    except (SlackApiError, OSError) as error:  # the link is a nicety: never block a digest
        log.warning("could not find the app's id: %r", error)
        return None


def app_home_url(client: WebClient, team_id: str) -> str | None:
    """https://slack.com/app_redirect?app=…&team=… (opens the app in Slack), or None."""
    app_id = app_id_of(client)
    if not app_id:
        return None
    return "https://slack.com/app_redirect?" + urlencode({"app": app_id, "team": team_id})
