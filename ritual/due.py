"""When a workspace's weekly digest is due: its moments in local time, and its next-due time.

Every workspace keeps `next_digest_at` (UTC, indexed): the tick looks at a workspace only once
that moment has come. The one rule it must keep: `next_digest_at` is never later than the first
moment at which `week_due` could name a week that has no digest row yet. Earlier is always
safe (the tick looks, finds nothing to do, and moves it on), so anything that changes what
`week_due` depends on calls `reschedule` (or sets `storage.models.LOOK_NOW`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from metrics.weeks import IsoWeek
from storage.models import Workspace

GRACE = timedelta(minutes=15)


@dataclass(frozen=True)
class DueDigest:
    """The digest a workspace should have by now."""

    week: IsoWeek
    scheduled: datetime
    late: bool


def _moment(workspace: Workspace, day) -> datetime:
    hour, minute = (int(part) for part in workspace.digest_time.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(workspace.timezone))


def last_scheduled(workspace: Workspace, now: datetime) -> datetime:
    """The latest digest moment at or before now, in the workspace's zone (DST-aware)."""
    local = now.astimezone(ZoneInfo(workspace.timezone))
    day = local.date() - timedelta(days=(local.weekday() - workspace.digest_weekday) % 7)
    moment = _moment(workspace, day)
    if moment > local:
        moment = _moment(workspace, day - timedelta(days=7))
    return moment


def next_scheduled(workspace: Workspace, after: datetime) -> datetime:
    """The first digest moment strictly after `after`, in UTC."""
    moment = last_scheduled(workspace, after)
    while moment.astimezone(UTC) <= after:
        moment = _moment(workspace, moment.date() + timedelta(days=7))
    return moment.astimezone(UTC)


def first_scheduled(workspace: Workspace) -> datetime:
    """The first digest moment at or after the workspace was created, in UTC."""
    created = workspace.created_at
    return next_scheduled(workspace, created - timedelta(microseconds=1))


def reschedule(workspace: Workspace, now: datetime) -> None:
    """Set the next-due time after a change to the schedule (or on creation).

    The latest moment up to now when its week may still be unposted (the tick then looks at
    once, as it always did), else the first moment after the workspace was created.
    """
    latest = last_scheduled(workspace, now).astimezone(UTC)
    workspace.next_digest_at = max(first_scheduled(workspace), latest)


def due_digest(workspace: Workspace, now: datetime) -> DueDigest:
    """The week whose digest is due: the ISO week before the one the schedule fell in."""
    scheduled = last_scheduled(workspace, now)
    week = IsoWeek.of(scheduled.date()).previous()
    return DueDigest(week=week, scheduled=scheduled, late=now - scheduled > GRACE)


def week_due(session: Session, workspace: Workspace, now: datetime) -> DueDigest | None:
    """The one rule for whether this workspace's week is due now; None when nothing is.

    Reasons to skip a week (a paused week, an uninstalled workspace) belong here; whoever
    lifts such a reason calls `reschedule` so that the tick looks again.
    """
    if workspace.uninstalled_at is not None:
        return None  # stopped at once on uninstall; a reinstall reschedules
    due = due_digest(workspace, now)
    if due.scheduled < workspace.created_at:
        return None
    return due
