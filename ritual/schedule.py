"""The weekly digest schedule: an idempotent tick over all workspaces, state in the database."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from metrics.weeks import IsoWeek
from ritual.claims import claim_or_retry
from ritual.deps import Deps
from storage.digests import charts_due, mark_skipped
from storage.events import forget_old_events
from storage.models import Workspace
from storage.owners import is_paused
from storage.workspaces import all_workspaces

log = logging.getLogger(__name__)
GRACE = timedelta(minutes=15)
TICK_SECONDS = 60
PostClaimed = Callable[[str, int, datetime], bool]
RetryCharts = Callable[[int, datetime], bool]


@dataclass(frozen=True)
class DueDigest:
    """The digest a workspace should have by now."""

    week: IsoWeek
    scheduled: datetime
    late: bool


def last_scheduled(workspace: Workspace, now: datetime) -> datetime:
    """The latest digest moment at or before now, in the workspace's zone (DST-aware)."""
    zone = ZoneInfo(workspace.timezone)
    local = now.astimezone(zone)
    hour, minute = (int(part) for part in workspace.digest_time.split(":"))
    day = local.date() - timedelta(days=(local.weekday() - workspace.digest_weekday) % 7)
    moment = datetime.combine(day, time(hour, minute), tzinfo=zone)
    if moment > local:
        moment = datetime.combine(day - timedelta(days=7), time(hour, minute), tzinfo=zone)
    return moment


def due_digest(workspace: Workspace, now: datetime) -> DueDigest:
    """The week whose digest is due: the ISO week before the one the schedule fell in."""
    scheduled = last_scheduled(workspace, now)
    week = IsoWeek.of(scheduled.date()).previous()
    return DueDigest(week=week, scheduled=scheduled, late=now - scheduled > GRACE)


def process_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def tick(deps: Deps, post_claimed: PostClaimed, claimer: str | None = None,
         retry_charts: RetryCharts | None = None) -> list[str]:
    """One pass over every workspace with a channel; returns those whose digest was posted.

    A workspace that fails (a broken setting, a bug) is logged and skipped; the others go on.
    """
    now, claimer = deps.now(), claimer or process_name()
    forget_old_events(deps.db, now)
    with deps.db.reader() as session:
        workspace_ids = [w.id for w in all_workspaces(session)
                         if w.kpi_channel and w.uninstalled_at is None]
    posted = []
    for workspace_id in workspace_ids:
        try:
            digest_id = claim_due(deps, workspace_id, claimer, now)
            if digest_id is not None and post_claimed(workspace_id, digest_id, now):
                posted.append(workspace_id)
        except Exception:
            log.exception("digest tick failed for workspace %s; the others go on", workspace_id)
    if retry_charts is not None:
        with deps.db.reader() as session:
            due = charts_due(session, now)
        for workspace_id, digest_id in due:
            try:
                retry_charts(digest_id, now)
            except Exception:
                log.exception("charts retry failed for workspace %s", workspace_id)
    return posted


def claim_due(deps: Deps, workspace_id: str, claimer: str, now: datetime) -> int | None:
    """Claim the workspace's due digest (recording a missed week as skipped)."""
    with deps.db.session() as session:
        workspace = session.get(Workspace, workspace_id)
        if workspace.uninstalled_at is not None:
            return None  # uninstalled since the selection: nothing more is posted
        due = due_digest(workspace, now)
        if due.scheduled < workspace.created_at:
            return None
        _skip_missed(session, workspace, due, now)
        if is_paused(session, workspace_id, str(due.week)):
            mark_skipped(session, workspace_id, str(due.week), now, "paused")
            return None
        return claim_or_retry(session, workspace_id, str(due.week), claimer, now, late=due.late)


def _skip_missed(session, workspace: Workspace, due: DueDigest, now: datetime) -> None:
    previous = due.week.previous()
    if due.scheduled - timedelta(days=7) < workspace.created_at:
        return
    if mark_skipped(session, workspace.id, str(previous), now,
                    "missed while the bot was down; the next week's digest was due"):
        log.warning("digest %s of %s skipped: missed, and the next one is due",
                    previous, workspace.id)
