"""Notes from Slack conversations: thread replies, shortcut messages, answers and outcomes."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from capture.commands import MAX_NOTE
from capture.errors import InputError
from capture.hypothesis import parse_hypothesis
from capture.inputs import NoteInput
from capture.replies import bend_reply, classify_reply, week_sunday
from ritual.context import parse_context, workspace_for_team
from ritual.deps import Deps
from ritual.outcomes import EntryView, Problem
from storage.digests import digest_by_message
from storage.entries import EntryNotFound, Provenance, add_entry, add_unless_known, find_external, get_entry
from storage.models import Entry
from storage.note_numbers import note_number

log = logging.getLogger(__name__)
OUTCOMES = ("confirmed", "refuted", "running")
QUESTION_KINDS = (("q1", "value"), ("q2", "blocker"), ("q3", "hypothesis"))


def message_key(channel: str, ts: str) -> str:
    """The external id of a note taken from a Slack message."""
    return f"slack:{channel}:{ts}"


def store_reply(deps: Deps, team_id: str, channel: str, ts: str, thread_ts: str,
                user_id: str | None, text: str) -> bool:
    """A reply in a digest's thread becomes a note of the digest's week; True when stored."""
    with deps.db.session() as session:
        digest = digest_by_message(session, channel, thread_ts)
        if digest is None or digest.workspace_id != team_id:
            return False
        day, kind, body = _reply_parts(text, digest.week)
        note = NoteInput(text=body[:MAX_NOTE], occurred_on=day, kind=kind)
        origin = Provenance(entered_by=user_id, entered_at=deps.now(), source="thread",
                            external_id=message_key(channel, ts), slack_channel=channel, slack_ts=ts)
        return add_unless_known(session, team_id, note, origin) is not None


def _reply_parts(text: str, digest_week: str) -> tuple[date, str, str]:
    """The day, kind and text of a reply's note: an answer to a bend's question ('KW 34: …')
    is a note of that week; anything else is a note of the digest's week."""
    bend = bend_reply(text, digest_week)
    if bend is not None:
        return bend[0], "context", bend[1]
    kind, body = classify_reply(text)
    return week_sunday(digest_week), kind, body


def _reply_note(session, team_id: str, channel: str, ts: str) -> Entry | None:
    return session.scalar(select(Entry).where(
        Entry.workspace_id == team_id, Entry.external_id == message_key(channel, ts),
        Entry.deleted_at.is_(None)))


def update_reply(deps: Deps, team_id: str, channel: str, ts: str, text: str) -> None:
    """An edited reply updates its note (and its question)."""
    with deps.db.session() as session:
        row = _reply_note(session, team_id, channel, ts)
        if row is not None:
            year, week, _ = row.occurred_on.isocalendar()
            day, kind, body = _reply_parts(text, f"{year}-W{week:02d}")
            row.description, row.note_kind = body[:MAX_NOTE], kind
            if bend_reply(text, f"{year}-W{week:02d}") is not None:
                row.occurred_on = day


def delete_reply(deps: Deps, team_id: str, channel: str, ts: str) -> None:
    """A deleted reply removes its note."""
    with deps.db.session() as session:
        row = _reply_note(session, team_id, channel, ts)
        if row is not None:
            row.deleted_at, row.deleted_by = deps.now(), "slack:message_deleted"


def log_message(deps: Deps, team_id: str, user_id: str, channel: str, ts: str,
                text: str) -> EntryView | Problem:
    """Any message as a context note of the day it was written; twice stores it once."""
    now = deps.now()
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, now)
        if not text.strip():
            return Problem("empty_message", workspace.language)
        written = datetime.fromtimestamp(float(ts), UTC).astimezone(ZoneInfo(workspace.timezone))
        note = NoteInput(text=text.strip()[:MAX_NOTE], occurred_on=written.date(), kind="context")
        origin = Provenance(entered_by=user_id, entered_at=now, source="shortcut",
                            external_id=message_key(channel, ts), slack_channel=channel, slack_ts=ts)
        row = add_unless_known(session, workspace.id, note, origin) or find_external(
            session, workspace.id, message_key(channel, ts))
        return EntryView(row.id, note, workspace.language, workspace.currency,
                         note_number=note_number(session, workspace.id, row.id))


def set_outcome(deps: Deps, team_id: str, entry_id: int, outcome: str) -> str | Problem:
    """A person's verdict on a hypothesis; returns the workspace language."""
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, deps.now())
        if outcome not in OUTCOMES:
            return Problem("not_found", workspace.language)
        try:
            get_entry(session, workspace.id, entry_id).outcome = outcome
        except EntryNotFound:
            return Problem("not_found", workspace.language)
        return workspace.language


def add_answers(deps: Deps, team_id: str, user_id: str, week: str, channel: str | None,
                answers: list[tuple[str, str]]) -> int | Problem:
    """Each non-empty answer to the three questions as a note of the digest's week; a hypothesis
    whose experiment options make no sense stores nothing and comes back as a Problem."""
    try:
        day: date | None = week_sunday(week)
    except ValueError:
        day = None
    now = deps.now()
    stored = 0
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, now)
        ctx = parse_context(session, workspace, now)
        for kind, text in answers:
            if kind == "hypothesis" and text.strip():
                try:
                    parse_hypothesis(text, ctx)
                except InputError as error:
                    return Problem(error.code, workspace.language, error.params)
        for kind, text in answers:
            if not text.strip():
                continue
            origin = Provenance(entered_by=user_id, entered_at=now, source="modal",
                                slack_channel=channel)
            add_entry(session, workspace.id, NoteInput(text=text.strip()[:MAX_NOTE],
                                                       occurred_on=day or now.date(), kind=kind), origin)
            stored += 1
    return stored
