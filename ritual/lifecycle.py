"""A workspace's life after `app_uninstalled` or a revoked bot token: stop at once, keep the
data for `retention_days`, then delete every row; a reinstall within that time keeps it all."""

from __future__ import annotations

import logging
from datetime import datetime

from ritual.deps import Deps
from ritual.due import reschedule
from storage.lifecycle import (
    Stopped,
    clear_uninstalled,
    installed_since,
    is_stopped,
    mark_installed,
    mark_uninstalled,
    purge_workspace,
    row_counts,
    stopped_workspaces,
    uninstalled_since,
)
from storage.models import Workspace

log = logging.getLogger(__name__)


class UnknownWorkspace(LookupError):
    """No workspace with this id is stored."""


def uninstalled(deps: Deps, team_id: str, reason: str, happened_at: datetime | None = None) -> bool:
    """Stop the workspace now (no posts, no App Home, ingestion refused); True when newly
    stopped. A workspace never stored has nothing to stop; a stop that happened (Slack's event
    time) before the newest installation mark is late or retried and changes nothing."""
    with deps.db.session() as session:
        changed = mark_uninstalled(session, team_id, deps.now(), reason, happened_at)
    if changed:
        log.warning("workspace %s stopped (%s); its data is kept for its retention period",
                    team_id, reason)
    return changed


def reinstated(deps: Deps, team_id: str, happened_at: datetime | None = None) -> bool:
    """Take a stopped workspace back into service with all its data; True when it was stopped.
    `happened_at` (an event's time): only a sign of life after the uninstall mark counts.

    Cheap when it was not stopped: one read, and no write lock taken."""
    if not is_stopped(deps.db, team_id):
        return False
    with deps.db.session() as session:
        changed = clear_uninstalled(session, team_id, deps.now(), happened_at)
        workspace = session.get(Workspace, team_id) if changed else None
        if workspace is not None:
            reschedule(workspace, deps.now())  # the tick looks at it again at once
    if changed:
        log.warning("workspace %s is back: stopped mark cleared, data kept", team_id)
    return changed


def installed(deps: Deps, team_id: str) -> None:
    """An installation arrived (OAuth): the newest mark a late stopping event is compared with;
    a stopped workspace comes back."""
    if not reinstated(deps, team_id):
        with deps.db.session() as session:
            mark_installed(session, team_id, deps.now())


def stopped_since(deps: Deps, team_id: str) -> datetime | None:
    """When the workspace was uninstalled, or None while it is in service."""
    with deps.db.read_connection() as connection:
        return uninstalled_since(connection, team_id)


def purge_expired(deps: Deps) -> list[str]:
    """Delete every workspace whose retention period has passed; the ids deleted.

    Each in its own transaction: one that fails is logged and kept for the next run."""
    now = deps.now()
    with deps.db.reader() as session:
        expired = [s.team_id for s in stopped_workspaces(session) if s.delete_after <= now]
    purged = []
    for team_id in expired:
        try:
            with deps.db.session() as session:
                workspace = session.get(Workspace, team_id, with_for_update=True)
                if not _still_expired(workspace, now):
                    continue  # reinstated, its retention changed, or deleted by another process
                if installed_since(session, team_id, workspace.uninstalled_at):
                    log.warning("workspace %s was installed again: not deleted", team_id)
                    continue  # the reinstall clears the stopped mark in a moment
                counts = purge_workspace(session, team_id, stopped_at=workspace.uninstalled_at)
            log.warning("workspace %s deleted after its retention period: %s", team_id, counts)
            purged.append(team_id)
        except Exception:
            log.exception("deleting workspace %s failed; tried again on the next run", team_id)
    return purged


def _still_expired(workspace: Workspace | None, now: datetime) -> bool:
    if workspace is None or workspace.uninstalled_at is None:
        return False
    stopped = Stopped(workspace.id, workspace.uninstalled_at, workspace.retention_days)
    return stopped.delete_after <= now


def planned_purge(deps: Deps, team_id: str) -> dict[str, int]:
    """The rows that `purge_now` would delete, per table; raises UnknownWorkspace."""
    with deps.db.reader() as session:
        if session.get(Workspace, team_id) is None:
            raise UnknownWorkspace(team_id)
        return row_counts(session, team_id)


def purge_now(deps: Deps, team_id: str) -> dict[str, int]:
    """Delete every row of the workspace now; the rows deleted per table."""
    with deps.db.session() as session:
        if session.get(Workspace, team_id) is None:
            raise UnknownWorkspace(team_id)
        counts = purge_workspace(session, team_id)
    log.warning("workspace %s deleted on request: %s", team_id, counts)
    return counts
