"""The weekly digest schedule: an idempotent tick over all workspaces, state in the database."""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.dedupe import forget_old_events
from bot.digest.gather import gather
from bot.digest.post import post_digest
from bot.services import Services
from metrics.weeks import IsoWeek
from storage.digests import (
    claim_digest,
    get_digest,
    mark_failed,
    mark_posted,
    mark_skipped,
    reclaim_digest,
)
from storage.models import Digest, Workspace
from storage.workspaces import all_workspaces

log = logging.getLogger(__name__)
GRACE = timedelta(minutes=15)
TICK_SECONDS = 60


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


class DigestScheduler:
    """Posts each workspace's digest exactly once per week, however many processes tick."""

    def __init__(self, services: Services, client: WebClient, name: str | None = None) -> None:
        self.services, self.client = services, client
        self.name = name or process_name()

    def tick(self) -> list[str]:
        """One pass over every workspace; returns the workspaces whose digest was posted."""
        now = self.services.now()
        forget_old_events(self.services)
        with self.services.db.session() as session:
            workspaces = [(w.id, w.kpi_channel) for w in all_workspaces(session)]
        posted = []
        for workspace_id, channel in workspaces:
            if channel and self._tick_workspace(workspace_id, now):
                posted.append(workspace_id)
        return posted

    def _tick_workspace(self, workspace_id: str, now: datetime) -> bool:
        with self.services.db.session() as session:
            workspace = session.get(Workspace, workspace_id)
            due = due_digest(workspace, now)
            if due.scheduled < workspace.created_at:
                return False
            self._skip_missed(session, workspace, due, now)
            digest = get_digest(session, workspace_id, str(due.week))
            if digest is None:
                digest = claim_digest(session, workspace_id, str(due.week), self.name, now,
                                      late=due.late)
            elif digest.status in ("failed", "claimed"):
                digest = digest if reclaim_digest(session, digest, self.name, now) else None
            else:
                digest = None
            if digest is None:
                return False
            digest_id = digest.id
        return self.post(workspace_id, digest_id, now)

    def _skip_missed(self, session, workspace: Workspace, due: DueDigest, now: datetime) -> None:
        previous = due.week.previous()
        if due.scheduled - timedelta(days=7) < workspace.created_at:
            return
        if mark_skipped(session, workspace.id, str(previous), now,
                        "missed while the bot was down; the next week's digest was due"):
            log.warning("digest %s of %s skipped: missed, and the next one is due",
                        previous, workspace.id)

    def post(self, workspace_id: str, digest_id: int, now: datetime) -> bool:
        """Post a claimed digest; record it as posted, or as failed for a later retry."""
        try:
            with self.services.db.session() as session:
                workspace = session.get(Workspace, workspace_id)
                digest = session.get(Digest, digest_id)
                data = gather(session, workspace, IsoWeek.parse(digest.week), now,
                              late=digest.late)
                channel = workspace.kpi_channel
            channel, ts = post_digest(self.client, data, channel)
        except SlackApiError as error:
            return self._failed(digest_id, error.response.get("error") or str(error), now)
        except Exception as error:
            log.exception("digest %s failed", digest_id)
            return self._failed(digest_id, repr(error), now)
        with self.services.db.session() as session:
            digest = session.get(Digest, digest_id)
            mark_posted(session, digest, channel, ts, now)
        log.info("digest %s of %s posted", digest.week, workspace_id)
        return True

    def _failed(self, digest_id: int, error: str, now: datetime) -> bool:
        with self.services.db.session() as session:
            digest = session.get(Digest, digest_id)
            mark_failed(session, digest, error, now)
            log.error("digest %s of %s failed (%s); %s", digest.week, digest.workspace_id, error,
                      f"retry at {digest.next_attempt_at}" if digest.next_attempt_at
                      else "giving up")
        return False


def start_background(scheduler: DigestScheduler):
    """Run the tick every minute in an APScheduler background thread."""
    from apscheduler.schedulers.background import BackgroundScheduler

    background = BackgroundScheduler(timezone="UTC")
    background.add_job(scheduler.tick, "interval", seconds=TICK_SECONDS, coalesce=True,
                       max_instances=1, next_run_time=datetime.now(ZoneInfo("UTC")))
    background.start()
    return background
