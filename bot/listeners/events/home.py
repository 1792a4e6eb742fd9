"""App Home: the current scorecard and buttons to log a cost, hours or a note."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.surfaces.home import home_view
from ritual.deps import Deps
from ritual.digest_data import week_digest
from ritual.lifecycle import stopped_since

log = logging.getLogger(__name__)


def publish_home(event: dict, context: dict, client: WebClient, deps: Deps) -> None:
    team_id = context.get("team_id")
    if event.get("tab", "home") != "home" or stopped_since(deps, team_id) is not None:
        return
    view = home_view(week_digest(deps, team_id))
    try:
        client.views_publish(user_id=event["user"], view=view)
    except SlackApiError as error:
        log.error("views.publish failed: %s", error.response.get("error"))
