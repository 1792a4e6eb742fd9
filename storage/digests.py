"""Claiming, recording and retrying weekly digests: exactly one post per workspace and week."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import Alert, Digest, Workspace

STALE_CLAIM = timedelta(minutes=10)
MAX_ATTEMPTS = 8
CHARTS_OPEN = ("pending", "failed", "uploading")  # uploading: stale once charts_next_at passed


def get_digest(session: Session, workspace_id: str, week: str) -> Digest | None:
    return session.scalar(
        select(Digest).where(Digest.workspace_id == workspace_id, Digest.week == week)
    )


def claim_digest(session: Session, workspace_id: str, week: str, claimed_by: str,
                 now: datetime, late: bool = False) -> Digest | None:
    """Claim a week's digest with a unique row; None when another process holds it."""
    try:
        with session.begin_nested():
            digest = Digest(workspace_id=workspace_id, week=week, status="claimed",
                            claimed_by=claimed_by, claimed_at=now, late=late, attempts=1)
            session.add(digest)
            session.flush()
            return digest
    except IntegrityError:
        return None


def reclaim_digest(session: Session, digest: Digest, claimed_by: str, now: datetime) -> bool:
    """Take over a failed digest that is due for a retry, or a claim abandoned by a dead process.

    An UPDATE that matches only when the row is still as we saw it, so two processes cannot
    both win.
    """
    stale_before = now - STALE_CLAIM
    result = session.execute(
        update(Digest)
        .where(
            Digest.id == digest.id,
            Digest.attempts == digest.attempts,
            ((Digest.status == "failed") & (Digest.next_attempt_at <= now))
            | ((Digest.status == "claimed") & (Digest.claimed_at < stale_before)),
        )
        .values(status="claimed", claimed_by=claimed_by, claimed_at=now,
                attempts=Digest.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    session.refresh(digest)
    return True


def mark_posted(session: Session, digest: Digest, channel: str, ts: str, now: datetime) -> None:
    """The message exists: nothing may post it again. Its charts are the next, separate step."""
    digest.status, digest.channel, digest.ts, digest.posted_at = "posted", channel, ts, now
    digest.error = None
    digest.charts_status, digest.charts_next_at = "pending", now


def charts_due(session: Session, now: datetime) -> list[tuple[str, int]]:
    """(workspace, digest id) of posted digests whose charts are still to be uploaded (never
    the demo's)."""
    rows = session.execute(select(Digest.workspace_id, Digest.id)
                           .join(Workspace, Workspace.id == Digest.workspace_id).where(
        Digest.charts_status.in_(CHARTS_OPEN), Digest.charts_next_at <= now,
        Workspace.demo.is_(False)))
    return [(row[0], row[1]) for row in rows]


def claim_charts(session: Session, digest_id: int, attempts: int, now: datetime) -> bool:
    """Take the charts step of a digest (compare-and-set, so one process uploads them)."""
    result = session.execute(
        update(Digest)
        .where(Digest.id == digest_id, Digest.charts_attempts == attempts,
               Digest.charts_status.in_(CHARTS_OPEN), Digest.charts_next_at <= now)
        .values(charts_status="uploading", charts_attempts=attempts + 1,
                charts_next_at=now + STALE_CLAIM)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def charts_done(session: Session, digest: Digest) -> None:
    digest.charts_status, digest.charts_next_at, digest.charts_error = "done", None, None


def charts_failed(session: Session, digest: Digest, error: str, now: datetime) -> None:
    """Retry the charts later with backoff; give up after MAX_ATTEMPTS (the text stays)."""
    digest.charts_error = error[:2000]
    if digest.charts_attempts >= MAX_ATTEMPTS:
        digest.charts_status, digest.charts_next_at = "abandoned", None
    else:
        digest.charts_status = "failed"
        digest.charts_next_at = now + timedelta(minutes=2 ** digest.charts_attempts)


def mark_failed(session: Session, digest: Digest, error: str, now: datetime) -> None:
    """Record a failed post; retry later with exponential backoff, up to MAX_ATTEMPTS."""
    digest.error = error
    if digest.attempts >= MAX_ATTEMPTS:
        digest.status, digest.next_attempt_at = "abandoned", None
    else:
        digest.status = "failed"
        digest.next_attempt_at = now + timedelta(minutes=2 ** digest.attempts)


def hold_claim(session: Session, digest_id: int, now: datetime) -> None:
    """Give back a claim that must not be posted now (the app was uninstalled): as a failed
    attempt due at once, so a reinstall takes it up again and looks for a message first."""
    session.execute(update(Digest).where(Digest.id == digest_id, Digest.status == "claimed")
                    .values(status="failed", next_attempt_at=now, error="app uninstalled")
                    .execution_options(synchronize_session=False))


def mark_skipped(session: Session, workspace_id: str, week: str, now: datetime,
                 reason: str) -> bool:
    """Record that a missed week's digest was skipped; False if the week has a row already."""
    try:
        with session.begin_nested():
            session.add(Digest(workspace_id=workspace_id, week=week, status="skipped",
                               claimed_at=now, error=reason, attempts=0))
            session.flush()
            return True
    except IntegrityError:
        return False


def digest_by_message(session: Session, channel: str, ts: str) -> Digest | None:
    """The digest posted as this message (for thread replies)."""
    return session.scalar(select(Digest).where(Digest.channel == channel, Digest.ts == ts))


def store_alert(session: Session, workspace_id: str, week: str, kind: str, fired: bool | None,
                details: dict, now: datetime) -> Alert:
    """One alert per week and kind: a second computation updates the first."""
    alert = session.scalar(select(Alert).where(
        Alert.workspace_id == workspace_id, Alert.week == week, Alert.kind == kind))
    if alert is None:
        alert = Alert(workspace_id=workspace_id, week=week, kind=kind, created_at=now)
        session.add(alert)
    alert.fired, alert.details = fired, details
    session.flush()
    return alert


def alerts_of(session: Session, workspace_id: str, week: str) -> dict[str, Alert]:
    rows = session.scalars(select(Alert).where(Alert.workspace_id == workspace_id,
                                               Alert.week == week))
    return {row.kind: row for row in rows}
