"""Storing, listing, undoing and deleting entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from capture.inputs import AnyInput, CostInput, HoursInput, MetricInput, NoteInput
from storage.models import Entry


class EntryNotFound(LookupError):
    """No such entry in this workspace (or it is already deleted)."""


class NotYourEntry(PermissionError):
    """Only the author or a workspace admin may delete an entry."""


@dataclass(frozen=True)
class Provenance:
    """Who entered an entry, when, and from where."""

    entered_by: str | None
    entered_at: datetime
    source: str
    external_id: str | None = None
    slack_channel: str | None = None
    slack_ts: str | None = None


def kind_of(entry: AnyInput) -> str:
    return {CostInput: "cost", HoursInput: "hours", MetricInput: "metric", NoteInput: "note"}[
        type(entry)
    ]


def entry_values(workspace_id: str, entry: AnyInput, origin: Provenance) -> dict:
    """The column values of the database row for a parsed input (every column named)."""
    values = dict.fromkeys(("quantity", "category", "cost_class", "every", "activity", "metric",
                            "channel", "cause", "description", "note_kind"))
    values |= {"workspace_id": workspace_id, "kind": kind_of(entry),
               "occurred_on": entry.occurred_on, "entered_by": origin.entered_by,
               "entered_at": origin.entered_at, "source": origin.source,
               "external_id": origin.external_id, "slack_channel": origin.slack_channel,
               "slack_ts": origin.slack_ts}
    if isinstance(entry, CostInput):
        values |= {"quantity": entry.amount, "category": entry.category,
                   "cost_class": entry.cost_class, "description": entry.description,
                   "channel": entry.channel, "every": entry.every}
    elif isinstance(entry, HoursInput):
        values |= {"quantity": entry.hours, "activity": entry.activity,
                   "description": entry.description, "channel": entry.channel}
    elif isinstance(entry, MetricInput):
        values |= {"quantity": entry.value, "metric": entry.metric, "channel": entry.channel,
                   "cause": entry.cause, "description": entry.description}
    else:
        values |= {"description": entry.text, "note_kind": entry.kind}
    return values


def entry_row(workspace_id: str, entry: AnyInput, origin: Provenance) -> Entry:
    """The database row for a parsed input."""
    return Entry(**entry_values(workspace_id, entry, origin))


# Built once: executing a statement made afresh costs more than the insert itself.
_INSERT_ENTRY = insert(Entry.__table__).returning(Entry.__table__.c.id)


def insert_entry(db: Session | Connection, workspace_id: str, entry: AnyInput,
                 origin: Provenance) -> int:
    """Store one entry with one prepared statement (no ORM unit of work); its id."""
    return db.execute(_INSERT_ENTRY, entry_values(workspace_id, entry, origin)).scalar_one()


def add_entry(session: Session, workspace_id: str, entry: AnyInput, origin: Provenance) -> Entry:
    """Store one entry and return its row (with its id)."""
    session.flush()  # the workspace added in this session is stored before the entry
    return session.get(Entry, insert_entry(session, workspace_id, entry, origin))


def add_unless_known(
    session: Session, workspace_id: str, entry: AnyInput, origin: Provenance
) -> Entry | None:
    """Store an entry with an external id, or return None when that id is already stored."""
    if find_external(session, workspace_id, origin.external_id) is not None:
        return None
    try:
        with session.begin_nested():
            return add_entry(session, workspace_id, entry, origin)
    except IntegrityError:
        return None


def find_external(session: Session, workspace_id: str, external_id: str | None) -> Entry | None:
    if external_id is None:
        return None
    return session.scalar(
        select(Entry).where(Entry.workspace_id == workspace_id, Entry.external_id == external_id)
    )


def get_entry(session: Session, workspace_id: str, entry_id: int) -> Entry:
    row = session.get(Entry, entry_id)
    if row is None or row.workspace_id != workspace_id or row.deleted_at is not None:
        raise EntryNotFound(entry_id)
    return row


def delete_entry(
    session: Session, workspace_id: str, entry_id: int, user: str, is_admin: bool, now: datetime
) -> Entry:
    """Soft-delete an entry: its author may, and so may a workspace admin."""
    row = get_entry(session, workspace_id, entry_id)
    if row.entered_by != user and not is_admin:
        raise NotYourEntry(entry_id)
    row.deleted_at, row.deleted_by = now, user
    return row


def last_entry_of(session: Session, workspace_id: str, user: str) -> Entry | None:
    """The newest entry a user made that is not deleted."""
    return session.scalar(
        select(Entry)
        .where(
            Entry.workspace_id == workspace_id,
            Entry.entered_by == user,
            Entry.deleted_at.is_(None),
        )
        .order_by(Entry.id.desc())
        .limit(1)
    )


def recent_entries(session: Session, workspace_id: str, limit: int = 10) -> list[Entry]:
    """The newest entries of the workspace that are not deleted."""
    return list(
        session.scalars(
            select(Entry)
            .where(Entry.workspace_id == workspace_id, Entry.deleted_at.is_(None))
            .order_by(Entry.id.desc())
            .limit(limit)
        )
    )


def input_of(row: Entry) -> AnyInput:
    """The parsed input that a row was stored from (for describing it again)."""
    if row.kind == "cost":
        return CostInput(
            amount=row.quantity, category=row.category, cost_class=row.cost_class,
            description=row.description, occurred_on=row.occurred_on, channel=row.channel,
            every=row.every,
        )
    if row.kind == "hours":
        return HoursInput(
            hours=row.quantity, activity=row.activity, description=row.description,
            occurred_on=row.occurred_on, channel=row.channel,
        )
    if row.kind == "metric":
        return MetricInput(
            metric=row.metric, value=row.quantity, occurred_on=row.occurred_on,
            channel=row.channel, cause=row.cause, description=row.description,
        )
    return NoteInput(text=row.description or "", occurred_on=row.occurred_on,
                     kind=row.note_kind or "context")
