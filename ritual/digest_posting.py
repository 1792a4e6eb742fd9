"""Posting a claimed digest through whatever sends it (Slack), and recording the outcome."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from metrics.weeks import IsoWeek
from ritual.alerts import record_alerts
from ritual.claims import claim_or_retry
from ritual.context import read_workspace
from ritual.deps import Deps
from ritual.digest_data import DigestData, gather
from ritual.schedule import due_digest, process_name
from storage.digests import mark_failed, mark_posted
from storage.models import Digest, Workspace

log = logging.getLogger(__name__)
Send = Callable[[DigestData, str], tuple[str, str]]


class SendFailed(Exception):
    """Sending failed before any message existed; `reason` is Slack's error code or similar."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def post_claimed(deps: Deps, send: Send, workspace_id: str, digest_id: int, now: datetime) -> bool:
    """Post a claimed digest; record it as posted (with its alerts), or as failed for a retry."""
    try:
        with deps.db.reader() as session:
            workspace = session.get(Workspace, workspace_id)
            digest = session.get(Digest, digest_id)
            data = gather(session, workspace, IsoWeek.parse(digest.week), now, late=digest.late)
        channel, ts = send(data, workspace.kpi_channel)
    except SendFailed as error:
        return _failed(deps, digest_id, error.reason, now)
    except Exception as error:
        log.exception("digest %s failed", digest_id)
        return _failed(deps, digest_id, repr(error), now)
    with deps.db.session() as session:
        digest = session.get(Digest, digest_id)
        mark_posted(session, digest, channel, ts, now)
        record_alerts(session, workspace_id, digest.week, data.report, now)
    log.info("digest %s of %s posted", digest.week, workspace_id)
    return True


def _failed(deps: Deps, digest_id: int, error: str, now: datetime) -> bool:
    with deps.db.session() as session:
        digest = session.get(Digest, digest_id)
        mark_failed(session, digest, error, now)
        log.error("digest %s of %s failed (%s); %s", digest.week, digest.workspace_id, error,
                  f"retry at {digest.next_attempt_at}" if digest.next_attempt_at else "giving up")
    return False


def post_now(deps: Deps, send: Send, team_id: str, week: IsoWeek | None = None) -> str:
    """Post the due (or a given) week's digest unless it is posted already; a text key."""
    now = deps.now()
    with deps.db.reader() as session:
        workspace = read_workspace(session, team_id, now)
        channel = workspace.kpi_channel
        week = week or due_digest(workspace, now).week
    if not channel:
        return "digest_no_channel"
    with deps.db.session() as session:
        digest_id = claim_or_retry(session, team_id, str(week), process_name(), now)
    if digest_id is None:
        return "digest_already"
    return "digest_posted" if post_claimed(deps, send, team_id, digest_id, now) else "digest_failed"
