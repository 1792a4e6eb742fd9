"""Recording one entry from any entry point: parse in the workspace's context, store, report."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from capture.commands import (
    parse_cost_command,
    parse_hours_command,
    parse_note_command,
    parse_record_command,
)
from capture.context import ParseContext
from capture.errors import InputError
from capture.inputs import AnyInput, NoteInput
from ritual.context import parse_context, settings_for_team
from ritual.deps import Deps
from ritual.outcomes import EntryView, Unavailable
from storage.entries import Provenance, insert_entry
from storage.note_numbers import note_number
from storage.workspaces import InputSettings

log = logging.getLogger(__name__)

Parser = Callable[[str, ParseContext], AnyInput]
COMMAND_PARSERS: dict[str, Parser] = {
    "cost": parse_cost_command,
    "hours": parse_hours_command,
    "note": parse_note_command,
    "record": parse_record_command,
}


@dataclass(frozen=True)
class Refused:
    """Bad input: nothing was stored; `error` says why in the workspace's language."""

    error: InputError
    lang: str


def record(deps: Deps, team_id: str, user_id: str, build: Callable[[ParseContext], AnyInput],
           source: str, channel_id: str | None = None,
           now: datetime | None = None) -> EntryView | Refused:
    """Parse, store and describe one entry; bad input stores nothing.

    A known workspace's entry is stored in one transaction on a plain connection (the path a
    person waits on); on first contact the workspace is created with it. Raises Unavailable
    when the database cannot be reached.
    """
    now = now or deps.now()
    origin = Provenance(entered_by=user_id, entered_at=now, source=source,
                        slack_channel=channel_id)
    try:
        with deps.db.transaction() as connection:
            return _store(connection, settings_for_team(connection, team_id, now), build, origin)
    except DBAPIError as error:
        log.exception("database unavailable while storing an entry")
        raise Unavailable() from error


def _store(db: Connection, workspace: InputSettings,
           build: Callable[[ParseContext], AnyInput], origin: Provenance) -> EntryView | Refused:
    """Read the input in the workspace's context and store it in the open transaction."""
    try:
        entry = build(parse_context(db, workspace, origin.entered_at))
    except InputError as error:
        return Refused(error, workspace.language)
    entry_id = insert_entry(db, workspace.id, entry, origin)
    number = note_number(db, workspace.id, entry_id) if isinstance(entry, NoteInput) else None
    return EntryView(entry_id, entry, workspace.language, workspace.currency, note_number=number)


def record_command(deps: Deps, kind: str, team_id: str, user_id: str, text: str,
                   channel_id: str | None = None, source: str = "slash") -> EntryView | Refused:
    """Store the entry a command line of `kind` (cost, hours, note, record) describes."""
    parser = COMMAND_PARSERS[kind]
    return record(deps, team_id, user_id, lambda ctx: parser(text, ctx), source, channel_id)
