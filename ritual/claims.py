"""One rule for who posts a week's digest: claim it, or take over a failed or abandoned claim."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from storage.digests import claim_digest, get_digest, reclaim_digest


def claim_or_retry(session: Session, workspace_id: str, week: str, claimer: str, now: datetime,
                   late: bool = False) -> int | None:
    """The digest id this process may post now, or None when it is posted, held or not due.

    A new week is claimed with a unique row; a failed post is retried once its backoff has
    passed; a claim whose process died (stale) is taken over. Posted and skipped weeks stay.
    """
    digest = get_digest(session, workspace_id, week)
    if digest is None:
        digest = claim_digest(session, workspace_id, week, claimer, now, late=late)
        return digest.id if digest is not None else None
    if digest.status in ("failed", "claimed") and reclaim_digest(session, digest, claimer, now):
        return digest.id
    return None
