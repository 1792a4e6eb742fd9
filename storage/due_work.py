"""The scheduler's questions to the database: which workspace to look at now, locked for us.

On PostgreSQL a due workspace is taken with `SELECT … FOR UPDATE SKIP LOCKED` over the partial
index on `next_digest_at`: processes ticking at once each get a different workspace and never
wait for one another. SQLite ignores the clause; its write lock lets one writer in at a time.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from storage.digests import STALE_CLAIM
from storage.models import Digest, Workspace

# A week's digest can only be retried while its week is the due one (at most a week and an
# hour of daylight saving after its moment), so older open rows are no retry candidates.
RETRY_WINDOW = timedelta(days=8)
OPEN_DIGEST = "digests.status IN ('claimed', 'failed')"


def lock_due_workspace(session: Session, now: datetime,
                       skip: Collection[str] = ()) -> Workspace | None:
    """The workspace with a channel that is due longest, locked; None when none is due.

    The demo's sample business is never due: its channel and people are made up.
    """
    query = (select(Workspace)
             .where(Workspace.kpi_channel.is_not(None), Workspace.next_digest_at <= now,
                    Workspace.demo.is_(False))
             .order_by(Workspace.next_digest_at).limit(1)
             .with_for_update(skip_locked=True))
    if skip:
        query = query.where(Workspace.id.not_in(list(skip)))
    return session.scalar(query)


def lock_workspace(session: Session, workspace_id: str) -> Workspace | None:
    """The workspace locked for us; None when another process holds it (or it is gone)."""
    return session.scalar(select(Workspace).where(Workspace.id == workspace_id)
                          .with_for_update(skip_locked=True))


def retry_candidates(session: Session, now: datetime) -> list[str]:
    """Workspaces with a failed digest due for a retry, or a claim whose process died."""
    open_status = text(OPEN_DIGEST)  # literal, so that both databases use the partial index
    retry = (Digest.status == "failed") & (Digest.next_attempt_at <= now)
    stale = (Digest.status == "claimed") & (Digest.claimed_at < now - STALE_CLAIM)
    rows = session.scalars(
        select(Digest.workspace_id)
        .join(Workspace, Workspace.id == Digest.workspace_id)
        .where(open_status, Digest.claimed_at >= now - RETRY_WINDOW, retry | stale,
               Workspace.kpi_channel.is_not(None), Workspace.demo.is_(False)))
    return sorted(set(rows))  # sorted here: in SQL it would tempt SQLite into a full scan
