"""Claiming and recording nudges: at most one direct message per person and week."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.owners_tables import Nudge

MAX_ATTEMPTS = 5


def nudges_of_week(session: Session, workspace_id: str, week: str) -> dict[str, Nudge]:
    rows = session.scalars(select(Nudge).where(Nudge.workspace_id == workspace_id,
                                               Nudge.week == week))
    return {row.user_id: row for row in rows}


def claim_nudge(session: Session, workspace_id: str, week: str, user_id: str, inputs: list[str],
                claimed_by: str, now: datetime) -> Nudge | None:
    """Claim a person's nudge of a week with a unique row; None when one exists already."""
    try:
        with session.begin_nested():
            nudge = Nudge(workspace_id=workspace_id, week=week, user_id=user_id,
                          status="claimed", inputs=",".join(inputs), claimed_by=claimed_by,
                          claimed_at=now, attempts=1)
            session.add(nudge)
            session.flush()
            return nudge
    except IntegrityError:
        return None


def reclaim_nudge(session: Session, nudge: Nudge, inputs: list[str], claimed_by: str,
                  now: datetime) -> bool:
    """Take over a nudge whose send failed and whose backoff has passed (compare-and-set).

    A claim that never reported back (the process died mid-send) is never taken over: the
    message may exist, and a second one is worse than none.
    """
    result = session.execute(
        update(Nudge)
        .where(Nudge.id == nudge.id, Nudge.attempts == nudge.attempts, Nudge.status == "failed",
               Nudge.next_attempt_at <= now)
        .values(status="claimed", claimed_by=claimed_by, claimed_at=now,
                attempts=Nudge.attempts + 1, inputs=",".join(inputs))
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        return False
    session.refresh(nudge)
    return True


def mark_sent(session: Session, nudge_id: int, channel: str, ts: str, now: datetime) -> None:
    nudge = session.get(Nudge, nudge_id)
    nudge.status, nudge.channel, nudge.ts, nudge.sent_at, nudge.error = "sent", channel, ts, now, None


def mark_failed(session: Session, nudge_id: int, error: str, now: datetime) -> None:
    """A refused or lost send: retry with backoff (a retry looks for the DM first)."""
    nudge = session.get(Nudge, nudge_id)
    nudge.error = error[:2000]
    if nudge.attempts >= MAX_ATTEMPTS:
        nudge.status, nudge.next_attempt_at = "abandoned", None
    else:
        nudge.status, nudge.next_attempt_at = "failed", now + timedelta(minutes=2 ** nudge.attempts)
