"""App Home: the 13-week scorecard with links to each digest, and buttons to log entries."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.permalinks import digest_links
from bot.surfaces.home import home_view
from ritual.deps import Deps
from ritual.lifecycle import stopped_since
from ritual.scorecard_grid import trailing_grid

log = logging.getLogger(__name__)


def publish_home(event: dict, context: dict, client: WebClient, deps: Deps) -> None:
    team_id = context.get("team_id")
    if event.get("tab", "home") != "home" or stopped_since(deps, team_id) is not None:
        return
    grid = trailing_grid(deps, team_id)
    try:
        view = home_view(grid, digest_links(client, grid.digests, deps.state.permalinks))
        client.views_publish(user_id=event["user"], view=view)
    except SlackApiError as error:
        log.error("views.publish failed: %s", error.response.get("error"))
