"""Posting a claimed digest exactly once, then its charts as a separate, idempotent step.

The message is the commit point: its channel and ts are stored in their own transaction the
moment Slack answers, and nothing posts a digest whose message exists. Before any retry the
sender looks in the channel for a message it posted earlier (Slack message metadata) and
adopts it instead of posting again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from metrics.weeks import IsoWeek
from ritual.alerts import record_alerts
from ritual.claims import claim_or_retry
from ritual.context import read_workspace
from ritual.deps import Deps
from ritual.digest_data import DigestData, gather
from ritual.lifecycle import stopped_since
from ritual.schedule import due_digest, process_name
from storage.digests import (
    charts_done,
    charts_failed,
    claim_charts,
    hold_claim,
    mark_failed,
    mark_posted,
)
from storage.lifecycle import uninstalled_since
from storage.models import Digest, Workspace
from storage.owners import is_paused

log = logging.getLogger(__name__)


class SendFailed(Exception):
    """Sending failed; `reason` is Slack's error code or the network's."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Sender(Protocol):
    """What posts digests (the Slack adapter)."""

    def send(self, data: DigestData, channel: str) -> tuple[str, str]: ...

    def find(self, channel: str, workspace_id: str, week: str) -> tuple[str, str] | None: ...

    def post_thread(self, data: DigestData, channel: str, ts: str, retry: bool) -> None: ...


def _gather(deps: Deps, digest_id: int, now: datetime) -> tuple[DigestData, Digest]:
    with deps.db.reader() as session:
        digest = session.get(Digest, digest_id)
        workspace = session.get(Workspace, digest.workspace_id)
        return gather(session, workspace, IsoWeek.parse(digest.week), now, late=digest.late), digest


def post_claimed(deps: Deps, sender: Sender, workspace_id: str, digest_id: int,
                 now: datetime) -> bool:
    """Post (or adopt) a claimed digest's message, record it, then try its charts.

    A workspace uninstalled since the claim gets nothing: the claim is held back (see
    `hold_claim`) and taken up again only if the app is reinstalled."""
    if stopped_since(deps, workspace_id) is not None:
        with deps.db.session() as session:
            hold_claim(session, digest_id, now)
        log.warning("digest %s of %s not posted: the app was uninstalled", digest_id, workspace_id)
        return False
    try:
        data, digest = _gather(deps, digest_id, now)
        channel = data.workspace.kpi_channel
        found = sender.find(channel, workspace_id, digest.week) if digest.attempts > 1 else None
        if found:
            log.warning("digest %s of %s was posted before (ts %s); adopting it", digest.week,
                        workspace_id, found[1])
        channel, ts = found or sender.send(data, channel)
    except SendFailed as error:
        return _failed(deps, digest_id, error.reason, now)
    except Exception as error:
        log.exception("digest %s failed before its message existed", digest_id)
        return _failed(deps, digest_id, repr(error), now)
    with deps.db.session() as session:
        digest = session.get(Digest, digest_id)
        mark_posted(session, digest, channel, ts, now)
        record_alerts(session, workspace_id, digest.week, data.report, now)
    log.info("digest %s of %s posted", digest.week, workspace_id)
    post_charts(deps, sender, digest_id, now, data)
    return True


def post_charts(deps: Deps, sender: Sender, digest_id: int, now: datetime,
                data: DigestData | None = None) -> bool:
    """Upload a posted digest's charts into its thread, once; failures retry later."""
    with deps.db.session() as session:
        digest = session.get(Digest, digest_id)
        if digest is None or uninstalled_since(session, digest.workspace_id) is not None:
            return False
        if not claim_charts(session, digest_id, digest.charts_attempts, now):
            return False
        retry = digest.charts_attempts > 0
        channel, ts = digest.channel, digest.ts
    try:
        data = data or _gather(deps, digest_id, now)[0]
        sender.post_thread(data, channel, ts, retry)
    except Exception as error:
        log.exception("charts of digest %s failed; the text digest stands", digest_id)
        with deps.db.session() as session:
            charts_failed(session, session.get(Digest, digest_id), repr(error), now)
        return False
    with deps.db.session() as session:
        charts_done(session, session.get(Digest, digest_id))
    return True


def _failed(deps: Deps, digest_id: int, error: str, now: datetime) -> bool:
    with deps.db.session() as session:
        digest = session.get(Digest, digest_id)
        mark_failed(session, digest, error, now)
        log.error("digest %s of %s failed (%s); %s", digest.week, digest.workspace_id, error,
                  f"retry at {digest.next_attempt_at}" if digest.next_attempt_at else "giving up")
    return False


@dataclass(frozen=True)
class PostOutcome:
    """What posting on request did: a text code and the values its text shows."""

    code: str
    params: dict = field(default_factory=dict)


def post_now(deps: Deps, sender: Sender, team_id: str, week: IsoWeek | None = None) -> PostOutcome:
    """Post the due (or a given) week's digest unless it is posted already, the week is
    paused or the workspace is the demo's (nothing is claimed then); a refusal carries
    Slack's reason."""
    now = deps.now()
    with deps.db.reader() as session:
        workspace = read_workspace(session, team_id, now)
        if workspace.demo:
            return PostOutcome("digest_demo")
        channel = workspace.kpi_channel
        week = week or due_digest(workspace, now).week
        paused = is_paused(session, team_id, str(week))
    if paused:
        return PostOutcome("digest_paused", {"week": str(week)})
    if not channel:
        return PostOutcome("digest_no_channel")
    with deps.db.session() as session:
        digest_id = claim_or_retry(session, team_id, str(week), process_name(), now)
    if digest_id is None:
        return PostOutcome("digest_already")
    if post_claimed(deps, sender, team_id, digest_id, now):
        return PostOutcome("digest_posted")
    with deps.db.reader() as session:
        error = session.get(Digest, digest_id).error
    return PostOutcome("digest_refused", {"error": error}) if error else PostOutcome("digest_failed")
