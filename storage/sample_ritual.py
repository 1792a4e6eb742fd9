"""The demo's ritual history: posted digests, a goal changed mid-way, an entry edited later."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.edits import apply_edit
from storage.entries import Provenance, entry_row, input_of
from storage.goal_history import record_goal_change
from storage.models import Digest, Entry, Workspace

BERLIN = ZoneInfo("Europe/Berlin")
POSTED_WEEKS = 12
GOAL_CHANGED_WEEKS_AGO = 5


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), BERLIN)


def seed_posted_digests(session: Session, workspace: Workspace, this_monday: date) -> None:
    """The demo's digests as posted each Monday for the 12 weeks before last week."""
    for weeks_ago in range(POSTED_WEEKS + 1, 1, -1):
        monday = this_monday - timedelta(weeks=weeks_ago)
        posted = _at(monday + timedelta(weeks=1), 9)
        session.add(Digest(workspace_id=workspace.id, week=f"{monday.isocalendar()[0]}-W"
                           f"{monday.isocalendar()[1]:02d}", status="posted", claimed_by="demo",
                           claimed_at=posted, posted_at=posted, attempts=1, channel="C0KPI",
                           ts=f"{int(posted.timestamp())}.000100", charts_status="done"))


def seed_ritual_history(session: Session, workspace: Workspace, this_monday: date,
                        editor: str, now: datetime) -> None:
    """The revenue goal raised 5 weeks ago (earlier weeks keep the old one), and the largest
    revenue entry of the week before last corrected on the day after that week's digest."""
    start = this_monday - timedelta(weeks=26)
    changed = this_monday - timedelta(weeks=GOAL_CHANGED_WEEKS_AGO)
    record_goal_change(session, workspace.id, "revenue", Decimal(3500), start, editor, now)
    record_goal_change(session, workspace.id, "revenue", Decimal(4000), changed, editor, now)
    edited_week = this_monday - timedelta(weeks=2)
    row = session.scalar(select(Entry).where(
        Entry.workspace_id == workspace.id, Entry.metric == "revenue",
        Entry.occurred_on >= edited_week, Entry.occurred_on < edited_week + timedelta(weeks=1))
        .order_by(Entry.quantity.desc()).limit(1))
    if row is not None:
        corrected = replace(input_of(row), value=row.quantity + Decimal(200))
        origin = Provenance(entered_by=editor, entered_at=now, source="edit")
        apply_edit(session, row, entry_row(workspace.id, corrected, origin), editor,
                   _at(edited_week + timedelta(weeks=1, days=1), 10, 15))
