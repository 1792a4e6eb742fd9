"""Editing an entry in place, with one audit row per changed field; reading the trail back."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from capture.numbers import plain_number
from storage.edit_tables import EntryEdit
from storage.models import Entry

EDITABLE = ("occurred_on", "quantity", "category", "cost_class", "every", "activity", "metric",
            "channel", "cause", "description", "note_kind")


@dataclass(frozen=True)
class FieldChange:
    """One field of one entry changed by one edit."""

    entry_id: int
    edited_by: str
    edited_at: datetime
    field: str
    old: str | None
    new: str | None


def cell(value: object) -> str | None:
    """A field's value as the audit trail stores it (plain numbers, ISO dates)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def apply_edit(session: Session, row: Entry, new: Entry, user: str, now: datetime) -> list[FieldChange]:
    """Copy the editable fields of `new` onto `row`; record each change. Nothing: no rows."""
    changes = []
    for name in EDITABLE:
        old_value, new_value = cell(getattr(row, name)), cell(getattr(new, name))
        if old_value == new_value:
            continue
        session.add(EntryEdit(workspace_id=row.workspace_id, entry_id=row.id, edited_by=user,
                              edited_at=now, field=name, old_value=old_value,
                              new_value=new_value))
        setattr(row, name, getattr(new, name))
        changes.append(FieldChange(row.id, user, now, name, old_value, new_value))
    session.flush()
    return changes


def _change(edit: EntryEdit) -> FieldChange:
    return FieldChange(edit.entry_id, edit.edited_by, edit.edited_at, edit.field, edit.old_value,
                       edit.new_value)


def trails(session: Session, entry_ids: list[int]) -> dict[int, list[FieldChange]]:
    """The audit trail of each entry, oldest first."""
    found: dict[int, list[FieldChange]] = defaultdict(list)
    for start in range(0, len(entry_ids), 500):
        chunk = entry_ids[start:start + 500]
        for edit in session.scalars(select(EntryEdit).where(EntryEdit.entry_id.in_(chunk))
                                    .order_by(EntryEdit.id)):
            found[edit.entry_id].append(_change(edit))
    return dict(found)


def edits_since(session: Session, workspace_id: str, since: datetime | None) -> list[FieldChange]:
    """Every field change of the workspace's live entries after `since` (all when None)."""
    query = (select(EntryEdit).join(Entry, Entry.id == EntryEdit.entry_id)
             .where(EntryEdit.workspace_id == workspace_id, Entry.deleted_at.is_(None)))
    if since is not None:
        query = query.where(EntryEdit.edited_at > since)
    return [_change(edit) for edit in session.scalars(query.order_by(EntryEdit.id))]


def audit_cell(changes: list[FieldChange]) -> str:
    """An entry's trail in one CSV cell: `when by field old → new; …` (empty: never edited)."""
    return "; ".join(f"{c.edited_at.isoformat(timespec='seconds')} {c.edited_by} {c.field} "
                     f"{c.old or ''} → {c.new or ''}" for c in changes)
