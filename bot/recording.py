"""From command text or form values to a stored entry and its confirmation."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.exc import DBAPIError, OperationalError

from bot.blocks.confirmation import plain_message, saved_message
from bot.services import Services, parse_context, workspace_of
from bot.texts import t
from capture.commands import (
    parse_cost_command,
    parse_hours_command,
    parse_note_command,
    parse_record_command,
)
from capture.context import ParseContext
from capture.describe import describe
from capture.errors import InputError
from storage.entries import AnyInput, Provenance, add_entry

log = logging.getLogger(__name__)

Parser = Callable[[str, ParseContext], AnyInput]
COMMAND_PARSERS: dict[str, Parser] = {
    "cost": parse_cost_command,
    "hours": parse_hours_command,
    "note": parse_note_command,
    "record": parse_record_command,
}


def db_down_message() -> dict:
    return plain_message(t("db_down", "de") + "\n" + t("db_down", "en"))


def store_input(
    services: Services,
    team_id: str,
    user_id: str,
    build: Callable[[ParseContext], AnyInput],
    source: str,
    channel_id: str | None = None,
) -> dict:
    """Parse, store and confirm one entry; bad input and a dead database store nothing."""
    now = services.now()
    try:
        with services.db.session() as session:
            workspace = workspace_of(session, team_id, now)
            lang, currency = workspace.language, workspace.currency
            try:
                entry = build(parse_context(session, workspace, now))
            except InputError as error:
                return plain_message(t("not_saved", lang, reason=error.message(lang)))
            origin = Provenance(entered_by=user_id, entered_at=now, source=source,
                                slack_channel=channel_id)
            row = add_entry(session, workspace.id, entry, origin)
            return saved_message(describe(entry, lang, currency), row.id, lang)
    except (OperationalError, DBAPIError):
        log.exception("database unavailable while storing an entry")
        return db_down_message()


def store_command(services: Services, kind: str, command: dict, source: str = "slash") -> dict:
    """Store the entry a slash command describes; the answer to show the user (ephemeral)."""
    parser = COMMAND_PARSERS[kind]
    text = command.get("text") or ""
    return store_input(
        services, command["team_id"], command["user_id"],
        lambda ctx: parser(text, ctx), source, command.get("channel_id"),
    )
