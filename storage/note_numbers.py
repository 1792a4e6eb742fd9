"""Notes are numbered per workspace, 1, 2, 3 … in the order they were written (read, not stored)."""

from __future__ import annotations

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from storage.models import Entry


def note_numbers(session: Session, workspace_id: str) -> dict[int, int]:
    """Entry id → the note's number in its workspace; deleted notes keep theirs (numbers never
    shift)."""
    ids = session.scalars(select(Entry.id).where(
        Entry.workspace_id == workspace_id, Entry.kind == "note").order_by(Entry.id))
    return {entry_id: number for number, entry_id in enumerate(ids, start=1)}


def note_number(db: Session | Connection, workspace_id: str, entry_id: int) -> int:
    """One note's number in its workspace: the notes written up to it."""
    return int(db.scalar(select(func.count(Entry.id)).where(
        Entry.workspace_id == workspace_id, Entry.kind == "note", Entry.id <= entry_id)) or 0)
