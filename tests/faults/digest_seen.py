"""A digest under faults: what Slack got and what the database says, and how to drive one."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from bot.app import web_client
from bot.digest.charts import POSTED_CHARTS
from bot.digest.scheduler import DigestScheduler
from bot.process_config import BotConfig
from ritual.deps import Deps
from storage.db import Database
from storage.digests import STALE_CLAIM
from storage.models import Digest
from storage.sample_business import DEMO_TEAM
from tests.clock import MovableClock
from tests.fake_slack import UPLOAD, FakeSlack
from tests.faults.scenario_tools import CHANNEL, MONDAY_0901_BERLIN, wait_until

WEEK = "2026-W47"
CHARTS = {f"{WEEK}-{name}.png" for name in POSTED_CHARTS}
METADATA = {"event_type": "northstar_digest", "event_payload": {"workspace": DEMO_TEAM, "week": WEEK}}
STEPS = ("chat.postMessage", "files.getUploadURLExternal", UPLOAD, "files.completeUploadExternal")
CLIENT_TIMEOUT = 1.0  # the in-process client's timeout; the fake holds a "timeout" longer
PAST_BACKOFF = timedelta(minutes=5)  # beyond the first retries' backoff (2 and 4 minutes)
AFTER_STALE = STALE_CLAIM + timedelta(minutes=2)


@dataclass
class DigestSeen:
    """The digest as Slack has it, and as the database has it."""

    messages: list
    charts: Counter
    stray_files: int
    row: Digest | None
    details: int = 0  # the thread's first reply (scorecard, notes, experiments)

    @property
    def lost(self) -> int:
        return ((not self.messages) + (self.details == 0)
                + sum(1 for name in CHARTS if self.charts[name] == 0))

    @property
    def duplicates(self) -> int:
        return (max(0, len(self.messages) - 1) + max(0, self.details - 1)
                + sum(max(0, n - 1) for n in self.charts.values()) + self.stray_files)

    @property
    def note(self) -> str:
        row = "no row" if self.row is None else f"row {self.row.status}" + (
            f" after {self.row.attempts} attempts" if self.row.attempts > 1 else "")
        extra = sum(self.charts.values()) - sum(self.charts[name] for name in CHARTS)
        return (f"{row}, charts {sum(self.charts[name] for name in CHARTS)}/{len(CHARTS)}"
                f" (+{extra} experiment) in its thread")

    @property
    def complete(self) -> bool:
        return (bool(self.messages) and self.details >= 1
                and all(self.charts[name] >= 1 for name in CHARTS))


def seen(fake: FakeSlack, database_url: str) -> DigestSeen:
    db = Database(database_url)
    try:
        with db.reader() as session:
            row = session.scalar(select(Digest).where(Digest.workspace_id == DEMO_TEAM,
                                                      Digest.week == WEEK))
    finally:
        db.dispose()
    messages = fake.messages_in(CHANNEL)
    # the charts belong in the thread of the message the database recorded (else the first)
    thread = row.ts if row is not None and row.ts else (messages[0].ts if messages else None)
    files = [f for f in fake.uploaded_files if f["channel_id"] == CHANNEL]
    charts = Counter(f["filename"] for f in files if f["thread_ts"] == thread)
    details = sum(1 for m in (fake.thread(CHANNEL, thread) if thread else [])
                  if (m.metadata or {}).get("event_type") == "northstar_digest_thread")
    return DigestSeen(messages, charts, sum(1 for f in files if f["thread_ts"] != thread), row,
                      details)


def assert_posted_exactly_once(digest: DigestSeen, fake: FakeSlack) -> None:
    assert len(digest.messages) == 1, (
        f"{len(digest.messages)} digest messages in the channel: "
        + ", ".join(f"ts {m.ts} metadata {m.metadata}" for m in digest.messages))
    [message] = digest.messages
    assert message.text and f"KW {WEEK[-2:]}" in message.text, message.text
    assert message.blocks, "the digest has no blocks"
    assert message.metadata == METADATA
    assert digest.row is not None and digest.row.status == "posted", digest.row and (
        digest.row.status, digest.row.error)
    assert (digest.row.channel, digest.row.ts) == (CHANNEL, message.ts)
    assert all(digest.charts[name] == 1 for name in CHARTS), (  # and experiment charts, once
        f"charts in the digest's thread: {dict(digest.charts)}")
    assert max(digest.charts.values()) == 1, f"a chart twice: {dict(digest.charts)}"
    assert digest.details == 1, f"{digest.details} detail replies in the digest's thread"
    assert digest.stray_files == 0, "files outside the digest's thread"
    assert fake.violations == []


def in_process_scheduler(database_url: str, fake: FakeSlack, clock: MovableClock) -> DigestScheduler:
    config = BotConfig(bot_token=fake.bot_token, signing_secret="s", app_token=None,
                       api_url=fake.api_url, database_url=database_url)
    client = web_client(config)
    client.timeout = CLIENT_TIMEOUT
    return DigestScheduler(Deps(db=Database(database_url), clock=clock), client, name="faults")


def drive_real_digest(process, fake: FakeSlack, database_url: str, rounds: int = 4,
                      wait: float = 60.0) -> DigestSeen:
    """Run the bot from Monday 09:01; while the digest is incomplete after a recorded failure,
    restart it with the clock past the retry's backoff."""
    now = MONDAY_0901_BERLIN
    process.start(now)
    for _ in range(rounds):
        def settled():
            digest = seen(fake, database_url)
            if digest.complete and not fake.pending_failures() and not fake.held():
                return True
            row = digest.row
            return row is not None and not fake.held() and (
                row.status == "failed" or row.charts_status == "failed")

        wait_until(settled, wait, interval=0.2)
        if seen(fake, database_url).complete and not fake.pending_failures():
            break
        now += PAST_BACKOFF
        process.restart(now)
    time.sleep(3)  # three more ticks: nothing more may happen
    return seen(fake, database_url)
