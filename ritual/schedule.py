"""The weekly digest schedule: an idempotent tick over the due workspaces, state in the database."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from ritual.claims import claim_or_retry
from ritual.deps import Deps
from ritual.due import DueDigest, due_digest, last_scheduled, next_scheduled, week_due
from storage.digests import charts_due, mark_skipped
from storage.due_work import lock_due_workspace, lock_workspace, retry_candidates
from storage.events import forget_old_events
from storage.models import Workspace
from storage.owners import is_paused

log = logging.getLogger(__name__)
TICK_SECONDS = 60
__all__ = ["DueDigest", "due_digest", "last_scheduled", "tick", "claim_due", "process_name"]
PostClaimed = Callable[[str, int, datetime], bool]
RetryCharts = Callable[[int, datetime], bool]


def process_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def tick(deps: Deps, post_claimed: PostClaimed, claimer: str | None = None,
         retry_charts: RetryCharts | None = None) -> list[str]:
    """Claim and post what is due now; returns the workspaces whose digest was posted.

    Only due workspaces are read: those whose next-due time has come (one at a time, locked
    with SKIP LOCKED, so processes ticking at once share them out), then those with a failed
    post to retry or a claim whose process died. A workspace that fails (a broken setting,
    a bug) is logged and skipped; the others go on.
    """
    now, claimer = deps.now(), claimer or process_name()
    forget_old_events(deps.db, now)
    posted = []
    for workspace_id, digest_id in _claims(deps, claimer, now):
        try:
            if post_claimed(workspace_id, digest_id, now):
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


def _claims(deps: Deps, claimer: str, now: datetime) -> Iterator[tuple[str, int]]:
    """(workspace, digest id) claimed by this process, one at a time, as the caller posts."""
    failed: set[str] = set()
    while (handled := _handle(deps, claimer, now, failed)) is not None:
        if handled[1] is not None:
            yield handled
    with deps.db.reader() as session:
        retries = retry_candidates(session, now)
    for workspace_id in retries:
        handled = _handle(deps, claimer, now, failed, workspace_id)
        if handled is not None and handled[1] is not None:
            yield handled


def _handle(deps: Deps, claimer: str, now: datetime, failed: set[str],
            workspace_id: str | None = None) -> tuple[str, int | None] | None:
    """Lock one workspace (the next due one, or the one named) and claim its due week.

    None when there is nothing (more) to lock; a workspace whose claim raised is remembered
    in `failed` and not taken again in this tick.
    """
    taken = None
    try:
        with deps.db.session() as session:
            workspace = (lock_due_workspace(session, now, failed) if workspace_id is None
                         else lock_workspace(session, workspace_id))
            if workspace is None:
                return None
            taken = workspace.id
            return taken, claim_week(session, workspace, claimer, now)
    except Exception:
        if taken is None:
            log.exception("could not look for due digests; the next tick tries again")
            return None
        log.exception("digest tick failed for workspace %s; the others go on", taken)
        failed.add(taken)
        return taken, None


def claim_due(deps: Deps, workspace_id: str, claimer: str, now: datetime) -> int | None:
    """Claim one workspace's due digest (recording a missed week as skipped)."""
    with deps.db.session() as session:
        return claim_week(session, session.get(Workspace, workspace_id), claimer, now)


def claim_week(session: Session, workspace: Workspace, claimer: str,
               now: datetime) -> int | None:
    """Claim the due week (if any) of a workspace this process holds, and move its next-due
    time to the next moment: the week now has its row, or is not due."""
    due = week_due(session, workspace, now)
    workspace.next_digest_at = next_scheduled(workspace, now)
    if due is None:
        return None
    _skip_missed(session, workspace, due, now)
    if is_paused(session, workspace.id, str(due.week)):
        mark_skipped(session, workspace.id, str(due.week), now, "paused")
        return None
    return claim_or_retry(session, workspace.id, str(due.week), claimer, now, late=due.late)


def _skip_missed(session, workspace: Workspace, due: DueDigest, now: datetime) -> None:
    previous = due.week.previous()
    if due.scheduled - timedelta(days=7) < workspace.created_at:
        return
    if mark_skipped(session, workspace.id, str(previous), now,
                    "missed while the bot was down; the next week's digest was due"):
        log.warning("digest %s of %s skipped: missed, and the next one is due",
                    previous, workspace.id)
