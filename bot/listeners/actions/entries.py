"""Undo and Delete buttons: soft-delete an entry its author (or an admin) asked to remove."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from sqlalchemy.exc import DBAPIError

from bot.admins import is_admin
from bot.blocks.confirmation import plain_message
from bot.recording import db_down_message
from bot.services import Services, workspace_of
from bot.texts import t
from capture.describe import describe
from storage.entries import EntryNotFound, NotYourEntry, delete_entry, get_entry, input_of

log = logging.getLogger(__name__)


def remove_entry(ack, body: dict, client: WebClient, respond, services: Services,
                 done_key: str) -> None:
    """Remove the entry named by the button; replace the ephemeral message with the outcome."""
    ack()
    team_id = body["team"]["id"] if body.get("team") else body["user"]["team_id"]
    user_id = body["user"]["id"]
    entry_id = int(body["actions"][0]["value"])
    now = services.now()
    try:
        with services.db.session() as session:
            workspace = workspace_of(session, team_id, now)
            lang = workspace.language
            try:
                row = get_entry(session, workspace.id, entry_id)
                admin = row.entered_by == user_id or is_admin(client, services, team_id, user_id)
                delete_entry(session, workspace.id, entry_id, user_id, admin, now)
                message = plain_message(t(done_key, lang, what=describe(
                    input_of(row), lang, workspace.currency)))
            except EntryNotFound:
                message = plain_message(t("not_found", lang))
            except NotYourEntry:
                message = plain_message(t("not_yours", lang))
    except DBAPIError:
        log.exception("database unavailable while removing an entry")
        message = db_down_message()
    respond(replace_original=done_key == "undone", response_type="ephemeral", **message)
