"""Fault injection: real `northstar run` processes against the fake Slack (issue 10, "Prove it").

- SIGKILL at random (seeded) points while batches are ingested over HTTP: every event stored
  exactly once once the sender has resent every unanswered batch;
- SIGKILL between `chat.postMessage` and the charts, restart past the stale-claim time: one
  digest message, its charts exactly once in its thread;
- every Slack step of a digest failing in every way (HTTP 500, 429, reset, timeout): one
  message per week with its text (in-process for the whole matrix, real processes for some);
- SQLite's write lock held by another process for 10 s while slash commands arrive: every
  command answered, stored exactly when the answer said so;
- hostile input: answered with a reason, the database unchanged where it must be.

Run on its own: `.venv/bin/python -m pytest tests/faults -q -n 0 -s` (or `-m faults`).
NORTHSTAR_FAULT_SEED changes the kill points; NORTHSTAR_FAULT_TABLE names a file for the table.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from slack_sdk.models.blocks import Block
from sqlalchemy import func, select

from bot.app import web_client
from bot.digest.charts import POSTED_CHARTS
from bot.digest.scheduler import DigestScheduler
from bot.process_config import BotConfig
from ritual.deps import Deps
from storage.db import Database
from storage.digests import STALE_CLAIM
from storage.models import Digest, Entry
from storage.sample_business import DEMO_TEAM, seed_sample_business
from storage.workspaces import ensure_workspace, rotate_ingest_token
from tests.fake_slack import FAULTS, UPLOAD, FakeSlack
from tests.slack_requests import SlackClient, load_payload
from tests.sqlite_lock import LOCKER

pytestmark = pytest.mark.faults

SEED = int(os.environ.get("NORTHSTAR_FAULT_SEED") or 20261123)
MONDAY_0901_BERLIN = datetime(2026, 11, 23, 8, 1, tzinfo=UTC)
INSTALLED = datetime(2026, 11, 20, tzinfo=UTC)
WEEK = "2026-W47"
CHANNEL = "C0KPI"
CHARTS = {f"{WEEK}-{name}.png" for name in POSTED_CHARTS}
METADATA = {"event_type": "northstar_digest", "event_payload": {"workspace": DEMO_TEAM, "week": WEEK}}
STEPS = ("chat.postMessage", "files.getUploadURLExternal", UPLOAD, "files.completeUploadExternal")
CLIENT_TIMEOUT = 1.0  # the in-process client's timeout; the fake holds a "timeout" longer
PAST_BACKOFF = timedelta(minutes=5)  # beyond the first retries' backoff (2 and 4 minutes)
AFTER_STALE = STALE_CLAIM + timedelta(minutes=2)


def wait_until(check, timeout: float, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(interval)
    return check()


def snippet(text: str, length: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[:length - 1] + "…"


def answer_text(body: str) -> str:
    try:
        return json.loads(body).get("text", "")
    except ValueError:
        return body


def step_name(step: str) -> str:
    return "upload URL" if step == UPLOAD else step


# The digest: what Slack got, and what the database says


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory, sqlite_template) -> Path:
    """A migrated SQLite database with the demo business, installed the week before."""
    path = tmp_path_factory.mktemp("faults") / "seeded.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    with db.session() as session:
        workspace = seed_sample_business(session, date(2026, 11, 23), INSTALLED)
        workspace.created_at = INSTALLED
    db.dispose()
    return path


@pytest.fixture
def seeded_url(tmp_path, seeded_template) -> str:
    path = tmp_path / "northstar.db"
    shutil.copyfile(seeded_template, path)
    return f"sqlite:///{path}"


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


# Every Slack step failing in every way: in-process, with a movable clock


class MovableClock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def __call__(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        self.current += delta


def in_process_scheduler(database_url: str, fake: FakeSlack, clock: MovableClock) -> DigestScheduler:
    config = BotConfig(bot_token=fake.bot_token, signing_secret="s", app_token=None,
                       api_url=fake.api_url, database_url=database_url)
    client = web_client(config)
    client.timeout = CLIENT_TIMEOUT
    return DigestScheduler(Deps(db=Database(database_url), clock=clock), client, name="faults")


MATRIX = [(step, fault, False) for step in STEPS for fault in FAULTS] + [
    ("chat.postMessage", fault, True) for fault in ("http_500", "reset", "timeout")] + [
    ("files.completeUploadExternal", fault, True) for fault in ("http_500", "timeout")]


@pytest.mark.parametrize(("step", "fault", "after"), MATRIX,
                         ids=[f"{step_name(s)}-{f}{'-after-work' if a else ''}" for s, f, a in MATRIX])
def test_each_slack_step_failing_each_way_posts_one_digest(step, fault, after, seeded_url,
                                                          fake_slack, fault_table):
    clock = MovableClock(MONDAY_0901_BERLIN)
    scheduler = in_process_scheduler(seeded_url, fake_slack, clock)
    fake_slack.inject(step, fault, after=after, timeout_hold=CLIENT_TIMEOUT + 1.5)
    try:
        scheduler.tick()
        for _ in range(12):
            if seen(fake_slack, seeded_url).complete and not fake_slack.pending_failures():
                break
            clock.advance(PAST_BACKOFF)
            scheduler.tick()
        clock.advance(timedelta(hours=2))
        scheduler.tick()  # later ticks change nothing
        scheduler.tick()
    finally:
        scheduler.deps.db.dispose()
    digest = seen(fake_slack, seeded_url)
    fault_table.record(f"{step_name(step)} {fault}{' after Slack did it' if after else ''}",
                       len(fake_slack.injected), len(digest.messages), digest.lost,
                       digest.duplicates, "in-process scheduler, clock moved; " + digest.note)
    assert fake_slack.pending_failures() == 0, "the fault never happened"
    assert_posted_exactly_once(digest, fake_slack)


# The same against real processes (a subset); a restart with a later clock stands in for time


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


REAL_SUBSET = [("chat.postMessage", "reset", True), ("chat.postMessage", "timeout", True),
               ("chat.postMessage", "http_500", False), (UPLOAD, "reset", False),
               ("files.completeUploadExternal", "rate_limited", False)]


@pytest.mark.parametrize(("step", "fault", "after"), REAL_SUBSET,
                         ids=[f"{step_name(s)}-{f}{'-after-work' if a else ''}"
                              for s, f, a in REAL_SUBSET])
def test_real_process_posts_one_digest_when_a_slack_step_fails(step, fault, after, seeded_url,
                                                              fake_slack, northstar, fault_table):
    fake_slack.inject(step, fault, after=after)
    process = northstar(seeded_url)
    digest = drive_real_digest(process, fake_slack, seeded_url)
    fault_table.record(f"{step_name(step)} {fault}{' after Slack did it' if after else ''} "
                       "(real process)", len(fake_slack.injected), len(digest.messages),
                       digest.lost, digest.duplicates, f"{process.starts} start(s); " + digest.note)
    assert fake_slack.pending_failures() == 0, "the fault never happened"
    assert_posted_exactly_once(digest, fake_slack)


# SIGKILL between chat.postMessage and the charts


@pytest.mark.parametrize("hang", ["upload-url", "postMessage-answer"])
def test_sigkill_between_post_and_charts_then_restart_past_stale_claim(hang, seeded_url,
                                                                      fake_slack, northstar,
                                                                      fault_table):
    """upload-url: the message is posted and recorded, the first chart upload hangs;
    postMessage-answer: Slack stored the message, the answer never came (nothing recorded)."""
    method, after = (UPLOAD, False) if hang == "upload-url" else ("chat.postMessage", True)
    fake_slack.hang_next(method, after=after)
    process = northstar(seeded_url)
    process.start(MONDAY_0901_BERLIN)
    fake_slack.wait_held(method, timeout=60)
    assert len(fake_slack.messages_in(CHANNEL)) == 1
    process.kill()
    fake_slack.release()
    before = seen(fake_slack, seeded_url)
    assert before.row is not None and before.row.status == (
        "posted" if hang == "upload-url" else "claimed"), before.row.status
    process.start(MONDAY_0901_BERLIN + AFTER_STALE)
    wait_until(lambda: seen(fake_slack, seeded_url).complete, 60, interval=0.2)
    time.sleep(3)  # three more ticks
    digest = seen(fake_slack, seeded_url)
    fault_table.record(f"SIGKILL while {'a chart upload' if hang == 'upload-url' else 'the post'}"
                       " hangs", process.kills, len(digest.messages), digest.lost,
                       digest.duplicates, f"restart at +{AFTER_STALE}; " + digest.note)
    assert_posted_exactly_once(digest, fake_slack)


def test_sqlite_locked_while_the_posted_digest_is_recorded(seeded_url, fake_slack, northstar,
                                                          fault_table):
    """Slack stores the message and answers after a moment; meanwhile another process holds
    SQLite's write lock for 9 s, so storing the message's ts meets "database is locked"."""
    path = seeded_url.removeprefix("sqlite:///")
    fake_slack.delay_next("chat.postMessage", seconds=1.0)
    process = northstar(seeded_url)
    process.start(MONDAY_0901_BERLIN)
    fake_slack.wait_held("chat.postMessage", timeout=60)
    locker = subprocess.Popen([sys.executable, "-c", LOCKER, path, "9"], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert locker.stdout.readline().strip() == "locked"
        assert locker.wait(30) == 0
    finally:
        locker.kill()
    time.sleep(1.5)
    before = seen(fake_slack, seeded_url)
    process.restart(MONDAY_0901_BERLIN + AFTER_STALE)
    wait_until(lambda: seen(fake_slack, seeded_url).complete, 60, interval=0.2)
    time.sleep(3)  # three more ticks
    digest = seen(fake_slack, seeded_url)
    fault_table.record("SQLite locked 9 s while the posted digest's ts is stored", 1,
                       len(digest.messages), digest.lost, digest.duplicates,
                       f"row {before.row.status if before.row else None} after the lock, "
                       f"restart at +{AFTER_STALE}; " + digest.note)
    assert_posted_exactly_once(digest, fake_slack)


# SIGKILL while ingesting


TEAM_INGEST = "T0INGEST"
BATCHES, BATCH_SIZE, KILLS = 14, 1000, 7


def workspace_with_token(database_url: str, team_id: str, **settings) -> str:
    db = Database(database_url)
    try:
        with db.session() as session:
            workspace = ensure_workspace(session, team_id, INSTALLED, **settings)
            token = rotate_ingest_token(session, workspace)
    finally:
        db.dispose()
    return token


def ingest(base_url: str, token: str, body: bytes, timeout: float = 20.0) -> tuple[int, dict]:
    request = urllib.request.Request(f"{base_url}/ingest/v1/events", data=body, method="POST",
                                     headers={"Authorization": f"Bearer {token}",
                                              "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        text = error.read()
        try:
            return error.code, json.loads(text or b"{}")
        except ValueError:
            return error.code, {"raw": text.decode(errors="replace")}


def stored_external_ids(database_url: str, team_id: str) -> Counter:
    db = Database(database_url)
    try:
        with db.reader() as session:
            rows = session.execute(
                select(Entry.external_id, func.count()).where(Entry.workspace_id == team_id)
                .group_by(Entry.external_id))
            return Counter({external_id: count for external_id, count in rows})
    finally:
        db.dispose()


@dataclass
class Sender:
    """Sends every batch until it is answered, resending it with the same external_ids after
    a restart. For each batch in `kill_at` a timer SIGKILLs the process that fraction of a
    request's duration after the batch's first try began: mostly inside the request (in the
    middle of its transaction), sometimes just after it."""

    process: object
    token: str
    batches: list[list[dict]]
    kill_at: dict[int, float]
    answers: dict[int, dict] = field(default_factory=dict)
    attempts: Counter = field(default_factory=Counter)
    seconds: list[float] = field(default_factory=list)
    cut: int = 0
    unexpected: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)

    def run(self, deadline: float) -> None:
        for index, batch in enumerate(self.batches):
            body = json.dumps({"events": batch}).encode()
            killer = None
            if index in self.kill_at:
                typical = sorted(self.seconds)[len(self.seconds) // 2]
                killer = threading.Timer(self.kill_at[index] * typical, self.process.kill)
                killer.start()
            while index not in self.answers and time.monotonic() < deadline:
                if not self.process.alive():  # this batch's kill struck between two tries
                    if killer is not None:
                        killer.join()
                    self.process.start()
                self.attempts[index] += 1
                started = time.monotonic()
                try:
                    status, answer = ingest(self.process.base_url, self.token, body)
                except OSError as error:  # the kill cut the request
                    self.history.append(f"batch {index} try {self.attempts[index]}: {error!r}")
                    self.cut += 1
                    if killer is not None:
                        killer.join()
                    continue
                if self.attempts[index] == 1:
                    self.seconds.append(time.monotonic() - started)
                self.history.append(f"batch {index} try {self.attempts[index]}: HTTP {status} " + ", ".join(
                    f"{key} {len(value) if isinstance(value, list) else snippet(value)}"
                    for key, value in answer.items()))
                if status == 200 and all(isinstance(answer.get(key), list)
                                         for key in ("accepted", "duplicates", "rejected")):
                    self.answers[index] = answer
                elif not self.process.alive():  # killed meanwhile: not our process's answer
                    self.cut += 1
                elif status == 503:
                    time.sleep(0.1)
                else:
                    self.unexpected.append(f"batch {index}: {status} {answer}")
                    return
            if killer is not None:
                killer.join()  # a kill after the answer: restart before the next batch
                if not self.process.alive():
                    self.process.start()


def test_sigkill_while_ingesting_stores_every_event_exactly_once(database_url, northstar,
                                                                 fault_table):
    rng = random.Random(SEED)
    token = workspace_with_token(database_url, TEAM_INGEST)
    batches = [[{"type": "metric", "external_id": f"order-{b:03d}-{i:04d}",
                 "occurred_on": "2026-11-20", "metric": "revenue", "value": f"{b}.{i:02d}"}
                for i in range(BATCH_SIZE)] for b in range(BATCHES)]
    kill_at = {batch: rng.uniform(0.05, 1.3) for batch in rng.sample(range(2, BATCHES), KILLS)}
    process = northstar(database_url).start()
    sender = Sender(process, token, batches, kill_at)
    sender.run(deadline=time.monotonic() + 150)
    stored = stored_external_ids(database_url, TEAM_INGEST)
    expected = {event["external_id"] for batch in batches for event in batch}
    answered = {item["external_id"] for answer in sender.answers.values()
                for item in answer.get("accepted", []) + answer.get("duplicates", [])}
    lost = len(expected - set(stored))
    duplicates = sum(count - 1 for count in stored.values())
    reported_duplicate = sum(len(answer.get("duplicates", [])) for answer in sender.answers.values())
    median = sorted(sender.seconds)[len(sender.seconds) // 2] if sender.seconds else 0.0
    kind = "PostgreSQL" if "postgresql" in database_url else "SQLite"
    status, again = ingest(process.base_url, token, json.dumps({"events": batches[0]}).encode())
    fault_table.record(f"SIGKILL while ingesting ({kind})", process.kills, None, lost, duplicates,
                       f"seed {SEED}, {BATCHES}x{BATCH_SIZE} events, {sender.cut} requests cut, "
                       f"{reported_duplicate} answered as duplicates, median request "
                       f"{median * 1000:.0f} ms")
    assert not sender.unexpected, sender.unexpected
    assert len(sender.answers) == BATCHES, f"{BATCHES - len(sender.answers)} batches unanswered"
    assert all(not answer.get("rejected") for answer in sender.answers.values())
    assert answered == expected, (
        f"{len(expected - answered)} events neither accepted nor reported as duplicates, "
        f"e.g. {sorted(expected - answered)[:3]}; requests: " + "; ".join(sender.history))
    assert process.kills == KILLS
    assert lost == 0 and duplicates == 0, (lost, duplicates)
    assert set(stored) == expected
    assert status == 200 and len(again["duplicates"]) == BATCH_SIZE and not again["accepted"]
    assert stored_external_ids(database_url, TEAM_INGEST) == stored


# SQLite's write lock held by another process while commands arrive




def classify(status: int, body: str) -> str:
    """saved, refused (not saved, try again) or unanswered, from the command's HTTP answer."""
    if status != 200 or not body.strip():
        return "unanswered"
    try:
        answer = json.loads(body)
    except ValueError:
        return "unanswered"
    text = answer.get("text", "")
    lowered = text.lower()
    if "nicht* gespeichert" in lowered or "not* saved" in lowered or "nicht gespeichert" in lowered:
        return "refused" if ("noch einmal" in lowered or "try again" in lowered) else "unclear"
    if text.startswith("✅"):
        return "saved"
    return "unclear"


def test_commands_while_another_process_holds_the_sqlite_write_lock(sqlite_url, northstar,
                                                                    fault_table):
    path = sqlite_url.removeprefix("sqlite:///")
    process = northstar(sqlite_url).start(datetime(2026, 11, 20, 10, 30, tzinfo=UTC))
    slack = SlackClient(process.base_url, "fault-signing-secret")
    assert classify(*slack.command("/cost", "1,00 tools warmup")[:2]) == "saved"
    locker = subprocess.Popen([sys.executable, "-c", LOCKER, path, "10"], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert locker.stdout.readline().strip() == "locked"
        locked_at = time.monotonic()
        results: dict[int, tuple[str, float, int]] = {}

        def send(number: int) -> None:
            started = time.monotonic()
            try:
                status, body, _ = slack.command("/cost", f"2,{number:02d} tools lock-{number:02d}")
            except OSError as error:
                status, body = 0, repr(error)
            results[number] = (classify(status, body), time.monotonic() - started, status)

        threads = []
        for number in range(14):  # one every 0.8 s while the lock is held (and just after)
            thread = threading.Thread(target=send, args=(number,))
            thread.start()
            threads.append(thread)
            time.sleep(max(0.0, locked_at + 0.8 * (number + 1) - time.monotonic()))
        for thread in threads:
            thread.join(30)
        assert locker.wait(30) == 0
    finally:
        locker.kill()
    time.sleep(0.5)
    db = Database(sqlite_url)
    try:
        with db.reader() as session:
            stored = Counter(session.scalars(select(Entry.description).where(
                Entry.description.like("lock-%"))))
    finally:
        db.dispose()
    saved = {f"lock-{n:02d}" for n, (kind, _, _) in results.items() if kind == "saved"}
    lost = len(saved - set(stored))
    duplicates = sum(count - 1 for count in stored.values()) + len(set(stored) - saved)
    kinds = Counter(kind for kind, _, _ in results.values())
    slowest = max(seconds for _, seconds, _ in results.values())
    statuses = Counter(status for _, _, status in results.values())
    fault_table.record("SQLite write lock held 10 s by another process", len(results), None,
                       lost, duplicates,
                       ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
                       + f"; HTTP {dict(statuses)}; slowest answer {slowest:.1f} s")
    assert process.alive()
    assert set(kinds) <= {"saved", "refused"}, results
    assert lost == 0 and duplicates == 0, (saved, stored)


# Hostile input


TEAM_HOSTILE = "T0ACCEPT"


def entry_count(database_url: str, team_id: str = TEAM_HOSTILE) -> int:
    db = Database(database_url)
    try:
        with db.reader() as session:
            return session.scalar(select(func.count()).select_from(Entry).where(
                Entry.workspace_id == team_id))
    finally:
        db.dispose()


def good_event(external_id: str) -> dict:
    return {"type": "metric", "external_id": external_id, "occurred_on": "2026-11-20",
            "metric": "revenue", "value": "10.00"}


def answer_blocks_valid(body: str) -> bool:
    """Every block of the answer is one Slack accepts (section texts at most 3,000 characters)."""
    try:
        blocks = json.loads(body).get("blocks", [])
        for block in blocks:
            parsed = Block.parse(block)
            if parsed is None:
                return False
            parsed.validate_json()
    except Exception:  # noqa: BLE001 - any model error means Slack would refuse it
        return False
    return True


def test_hostile_inputs_are_answered_and_leave_the_database_as_it_should(sqlite_url, northstar,
                                                                        fake_slack, fault_table):
    token = workspace_with_token(sqlite_url, TEAM_HOSTILE, kpi_channel=CHANNEL)
    process = northstar(sqlite_url).start(datetime(2026, 11, 22, 12, 0, tzinfo=UTC))
    slack = SlackClient(process.base_url, "fault-signing-secret")
    problems: list[str] = []

    def case(name: str, *, lost: int = 0, wrongly_stored: int = 0, ok: bool, note: str = "") -> None:
        fault_table.record(f"hostile: {name}", 1, None, lost, wrongly_stored, note)
        if not ok or lost or wrongly_stored:
            problems.append(name)

    # a note that would ping the channel: stored as typed (escaped where it is rendered)
    before = entry_count(sqlite_url)
    status, body, _ = slack.command("/note", "<!channel> Rabattaktion läuft date:2026-11-20")
    saved = classify(status, body) == "saved"
    case("<!channel> in a note", lost=int(entry_count(sqlite_url) != before + 1), ok=saved,
         note=f"HTTP {status}: {snippet(answer_text(body))}")

    # 3,500-character amounts: refused with a reason Slack can show, nothing stored
    for name, amount in (("3,500-character amount (letters)", "x" * 3500),
                         ("3,500-digit amount", "9" * 3500)):
        before = entry_count(sqlite_url)
        status, body, _ = slack.command("/cost", f"{amount} tools")
        answered = classify(status, body) in ("refused", "unclear") and answer_blocks_valid(body)
        refused = answered and "✅" not in json.loads(body).get("text", "")
        case(name, wrongly_stored=entry_count(sqlite_url) - before, ok=refused,
             note=f"HTTP {status}, {len(answer_text(body))} chars: {snippet(answer_text(body))}")

    # ingestion: one hostile event next to a good one; the good one is stored
    for name, hostile_id, raw, should_store in (
            ("occurred_at 0001-01-01T00:00:00+14:00", "hostile-early",
             '{"type": "metric", "external_id": "hostile-early", "occurred_at": '
             '"0001-01-01T00:00:00+14:00", "metric": "revenue", "value": "1"}', False),
            ("5,000-digit number", "hostile-long",
             '{"type": "metric", "external_id": "hostile-long", "occurred_on": "2026-11-20", '
             '"metric": "revenue", "value": ' + "9" * 5000 + "}", False),
            ("<!here> and a disguised link in an ingested note", "hostile-here",
             '{"type": "note", "external_id": "hostile-here", "occurred_on": "2026-11-20", '
             '"text": "<!here> see <https://evil.example/x|the invoice>"}', True)):
        good = good_event(f"good-after-{hostile_id}")
        body = ('{"events": [' + raw + ", " + json.dumps(good) + "]}").encode()
        before = entry_count(sqlite_url)
        status, answer = ingest(process.base_url, token, body)
        stored = stored_external_ids(sqlite_url, TEAM_HOSTILE)
        accepted = [item["index"] for item in answer.get("accepted", [])]
        rejected = [item["index"] for item in answer.get("rejected", [])]
        ok = status == 200 and (accepted, rejected) == (([0, 1], []) if should_store else ([1], [0]))
        lost = int(stored[good["external_id"]] != 1) + int(should_store and stored[hostile_id] != 1)
        wrong = (int(not should_store and stored[hostile_id] > 0)
                 + max(0, entry_count(sqlite_url) - before - 1 - int(should_store)))
        reasons = "; ".join(item.get("error", "") for item in answer.get("rejected", []))
        case(name, lost=lost, wrongly_stored=wrong, ok=ok,
             note=f"HTTP {status}: accepted {accepted}, rejected {rejected} {snippet(reasons, 50)}")

    # deeply nested JSON: a 400 with the reason (or the event rejected), never a 500
    for name, raw in (("deeply nested JSON document", "[" * 100_000 + "]" * 100_000),
                      ("deeply nested JSON in an event",
                       '{"events": [{"type": "note", "external_id": "hostile-nest", '
                       '"occurred_on": "2026-11-20", "text": ' + "[" * 50_000 + "]" * 50_000
                       + "}, " + json.dumps(good_event("good-after-nest")) + "]}")):
        before = entry_count(sqlite_url)
        status, answer = ingest(process.base_url, token, raw.encode())
        added = entry_count(sqlite_url) - before
        if status == 400:
            ok, lost, wrong = bool(answer.get("error")), 0, added
        else:
            stored = stored_external_ids(sqlite_url, TEAM_HOSTILE)
            ok = status == 200 and [i["index"] for i in answer.get("rejected", [])] == [0]
            lost = int(stored["good-after-nest"] != 1) if "event" in name else 0
            wrong = int(stored["hostile-nest"] > 0)
        case(name, lost=lost, wrongly_stored=wrong, ok=ok and process.alive(),
             note=f"HTTP {status}: {snippet(answer.get('error') or answer, 60)}")

    # a CSV with a NUL byte, sent to the bot in a DM: a line-numbered answer, nothing imported
    before = entry_count(sqlite_url)
    payload = load_payload("event_file_share_dm")
    url = fake_slack.host_file("F0NUL", b"date;kind;name;amount\n20.11.2026;cost;tools;4\x009\n")
    payload["event_id"] = "Ev0NSFAULTNUL"
    payload["event"]["files"][0].update(id="F0NUL", name="kosten.csv", url_private=url,
                                        url_private_download=url)
    status, _, _ = slack.event(payload)
    answers = wait_until(lambda: [c for c in fake_slack.calls_to("chat.postMessage")
                                  if c.args.get("channel") == "D0OWNER"], 15)
    text = json.dumps(answers[0].args, ensure_ascii=False) if answers else ""
    case("CSV with a NUL byte", wrongly_stored=entry_count(sqlite_url) - before,
         ok=status == 200 and "Zeile 2" in text and "csv_import_confirm" not in text,
         note=snippet(answers[0].args.get("text", "") if answers else "no answer in the DM"))

    # the digest of that week shows the notes as typed, and pings nobody
    process.restart(MONDAY_0901_BERLIN)
    messages = wait_until(lambda: fake_slack.messages_in(CHANNEL), 30)
    # the notes are in the thread's first reply (the digest's details)
    wait_until(lambda: messages and any(
        (m.metadata or {}).get("event_type") == "northstar_digest_thread"
        for m in fake_slack.thread(CHANNEL, messages[0].ts)), 30)
    thread = fake_slack.thread(CHANNEL, messages[0].ts) if messages else []
    digest = json.dumps([(m.text, m.blocks) for m in [*messages, *thread]], ensure_ascii=False)
    pinged = [s for s in ("<!channel>", "<!here>", "<https://evil.example") if s in digest]
    case("digest renders hostile notes", ok=not pinged and len(messages) == 1
         and "&lt;!channel&gt;" in digest and "&lt;!here&gt;" in digest,
         note=f"{len(messages)} message(s); " + (f"raw {pinged}" if pinged else "escaped"))
    assert process.alive(), process.log_tail()
    assert not problems, problems
