"""Opening an entry form (modal) for a kind of entry, from a command, App Home or a nudge."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import DBAPIError

from bot.surfaces.confirmation import db_down_message
from bot.surfaces.modals import entry_modal
from ritual.deps import Deps
from ritual.workspaces import form_defaults

log = logging.getLogger(__name__)


def open_entry_form(client: WebClient, deps: Deps, team_id: str, user_id: str, trigger_id: str,
                    kind: str, channel_id: str | None = None, metric: str | None = None,
                    day: str | None = None) -> None:
    """Open the modal for a kind of entry, in the workspace's language (a nudge prefills the
    metric and a day of its week)."""
    try:
        defaults = form_defaults(deps, team_id)
    except DBAPIError:
        log.exception("database unavailable while opening a form")
        if channel_id:
            client.chat_postEphemeral(channel=channel_id, user=user_id, **db_down_message())
        return
    view = entry_modal(kind, defaults.lang, day or defaults.today.isoformat(),
                       defaults.categories, channel_id, metric, defaults.own_metrics)
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as error:
        log.error("views.open failed: %s", error.response.get("error"))
