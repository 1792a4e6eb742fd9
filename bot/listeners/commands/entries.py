"""`/cost`, `/hours`, `/note` (and `/kpi record`): store and confirm, or open the form."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import DBAPIError

from bot.blocks.modals import entry_modal
from bot.recording import db_down_message, store_command
from bot.services import Services, local_now, workspace_of
from storage.workspaces import category_classes

log = logging.getLogger(__name__)


def entry_command(ack, command: dict, client: WebClient, services: Services, kind: str) -> None:
    """Store the entry and answer ephemerally; without arguments, open the form."""
    if (command.get("text") or "").strip():
        ack(**store_command(services, kind, command))
        return
    ack()
    open_entry_form(client, services, command, kind)


def open_entry_form(client: WebClient, services: Services, command: dict, kind: str) -> None:
    """Open the modal for a kind of entry, in the workspace's language."""
    now = services.now()
    try:
        with services.db.session() as session:
            workspace = workspace_of(session, command["team_id"], now)
            lang = workspace.language
            today = local_now(workspace, now).date().isoformat()
            categories = sorted(set(category_classes(session, workspace.id)))
    except DBAPIError:
        log.exception("database unavailable while opening a form")
        client.chat_postEphemeral(channel=command["channel_id"], user=command["user_id"],
                                  **db_down_message())
        return
    view = entry_modal(kind, lang, today, categories, command.get("channel_id"))
    try:
        client.views_open(trigger_id=command["trigger_id"], view=view)
    except SlackApiError as error:
        log.error("views.open failed: %s", error.response.get("error"))
