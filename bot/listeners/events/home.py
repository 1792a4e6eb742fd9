"""App Home: the current scorecard and buttons to log a cost, hours or a note."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import ActionsBlock, ButtonElement, DividerBlock

from bot.digest.gather import gather
from bot.digest.report import report_message
from bot.services import Services, local_now, workspace_of
from bot.texts import t
from metrics.weeks import IsoWeek

log = logging.getLogger(__name__)
HOME_LOG_ACTION = "home_log"


def home_view(services: Services, team_id: str) -> dict:
    """The Home tab: this week's scorecard so far, and logging buttons."""
    now = services.now()
    with services.db.reader() as session:
        workspace = workspace_of(session, team_id, now)
        lang = workspace.language
        week = IsoWeek.of(local_now(workspace, now).date())
        report = report_message(gather(session, workspace, week, now, record_alerts=False))
    buttons = ActionsBlock(elements=[
        ButtonElement(text=t(f"title_{kind}", lang), action_id=f"{HOME_LOG_ACTION}:{kind}",
                      value=kind, style="primary" if kind == "cost" else None)
        for kind in ("cost", "hours", "note", "record")
    ])
    blocks = [buttons.to_dict(), DividerBlock().to_dict(), *report["blocks"]]
    return {"type": "home", "blocks": blocks[:100]}


def publish_home(event: dict, context: dict, client: WebClient, services: Services) -> None:
    if event.get("tab", "home") != "home":
        return
    team_id = context.get("team_id")
    try:
        client.views_publish(user_id=event["user"], view=home_view(services, team_id))
    except SlackApiError as error:
        log.error("views.publish failed: %s", error.response.get("error"))
