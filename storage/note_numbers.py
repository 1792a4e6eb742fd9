"""Notes are numbered per workspace, 1, 2, 3 … in the order they were written (read, not stored)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Entry


def note_numbers(session: Session, workspace_id: str) -> dict[int, int]:
    """Entry id → the note's number in its workspace; deleted notes keep theirs (numbers never
    shift)."""
    ids = session.scalars(select(Entry.id).where(
        Entry.workspace_id == workspace_id, Entry.kind == "note").order_by(Entry.id))
    return {entry_id: number for number, entry_id in enumerate(ids, start=1)}
