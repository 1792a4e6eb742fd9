"""The scheduler's job: every minute, the ritual's tick, posting with each workspace's client."""

from __future__ import annotations

from datetime import UTC, datetime

from slack_sdk import WebClient

from bot.clients import OneClient, TeamClients
from bot.digest.post import TeamSender
from bot.digest.tick_times import aligned_trigger
from bot.nudge_sender import NudgeJob
from bot.process_config import ProcessSettings
from bot.telemetry import count_digest, timing_digest
from ritual.deps import Deps
from ritual.digest_posting import PostOutcome, post_charts, post_claimed, post_now
from ritual.health import mark_tick
from ritual.lifecycle import purge_expired
from ritual.schedule import TICK_SECONDS, process_name, tick
from storage.nightly_backups import NightlyBackups

PURGE_SECONDS = 3600
BACKUP_CHECK_SECONDS = 600


class DigestScheduler:
    """Posts each workspace's digest exactly once per week, however many processes tick."""

    def __init__(self, deps: Deps, clients: TeamClients | WebClient, name: str | None = None) -> None:
        """`clients` gives each workspace's client; a plain WebClient serves every workspace
        (single-token mode, or a request's own client)."""
        self.deps = deps
        self.clients = OneClient(clients) if isinstance(clients, WebClient) else clients
        self.sender = TeamSender(self.clients)
        self.name = name or process_name()

    def post(self, workspace_id: str, digest_id: int, now: datetime) -> bool:
        with timing_digest():
            posted = post_claimed(self.deps, self.sender, workspace_id, digest_id, now)
        count_digest("posted" if posted else "failed")
        return posted

    def retry_charts(self, digest_id: int, now: datetime) -> bool:
        return post_charts(self.deps, self.sender, digest_id, now)

    def tick(self) -> list[str]:
        """Claim and post what is due now; returns the workspaces whose digest was posted."""
        mark_tick(self.deps)
        return tick(self.deps, self.post, self.name, self.retry_charts)

    def post_now(self, team_id: str, week=None) -> PostOutcome:
        with timing_digest():
            outcome = post_now(self.deps, self.sender, team_id, week)
        if outcome.code in ("digest_posted", "digest_failed"):
            count_digest("posted" if outcome.code == "digest_posted" else "failed")
        return outcome


def start_background(scheduler: DigestScheduler, settings: ProcessSettings | None = None):
    """Run the tick (at once, then every minute, NORTHSTAR_TICK_SECONDS) and the nudges (every
    minute) in an APScheduler background thread, on the clock's whole minutes (tick_times.py);
    and, as its own job every hour (NORTHSTAR_PURGE_SECONDS), delete the workspaces whose
    retention period after an uninstall has passed; with NORTHSTAR_BACKUP_DIR set, look every ten
    minutes (NORTHSTAR_BACKUP_CHECK_SECONDS) whether the day's nightly backup is still to write.
    `settings`: the process's (default: read from the environment now)."""
    from apscheduler.schedulers.background import BackgroundScheduler

    settings = settings or ProcessSettings.from_env()
    seconds = settings.seconds("tick", TICK_SECONDS)
    background = BackgroundScheduler(timezone="UTC")
    # a tick that wakes late on a busy machine still runs (once), instead of waiting a minute
    on_the_minute = {"coalesce": True, "max_instances": 1, "misfire_grace_time": max(1, int(seconds))}
    minutes = aligned_trigger(seconds, scheduler.deps.now)
    background.add_job(scheduler.tick, minutes, next_run_time=datetime.now(UTC), **on_the_minute)
    background.add_job(NudgeJob(scheduler.deps, scheduler.clients, scheduler.name).tick, minutes,
                       **on_the_minute)
    purge_seconds = settings.seconds("purge", PURGE_SECONDS)
    background.add_job(purge_expired, "interval", args=[scheduler.deps], seconds=purge_seconds,
                       coalesce=True, max_instances=1, id="purge_expired")
    nightly = NightlyBackups.configured(scheduler.deps.db.url, settings.backup_dir,
                                        settings.backup_keep_text, scheduler.deps.clock)
    if nightly is not None:
        check_seconds = settings.seconds("backup_check", BACKUP_CHECK_SECONDS)
        background.add_job(nightly.run, "interval", seconds=check_seconds, coalesce=True,
                           max_instances=1, id="nightly_backup")
    background.start()
    return background
