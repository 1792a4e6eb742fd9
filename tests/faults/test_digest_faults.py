"""Fault injection on the digest: real `northstar run` processes and an in-process scheduler
against the fake Slack (issue 10, "Prove it").

- every Slack step of a digest failing in every way (HTTP 500, 429, reset, timeout): one
  message per week with its text (in-process for the whole matrix, real processes for some);
- SIGKILL between `chat.postMessage` and the charts, restart past the stale-claim time: one
  digest message, its charts exactly once in its thread;
- SQLite locked while the posted digest is recorded;
- the clock stepped back an hour after the post: no second digest.

Run the fault tests on their own: `.venv/bin/python -m pytest tests/faults -q -n 0 -s` (or
`-m faults`). NORTHSTAR_FAULT_TABLE names a file for the table of scenarios,
NORTHSTAR_RELIABILITY_DOC one for the reliability document (docs/reliability.md).
"""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from storage.db import Database
from storage.sample_business import seed_sample_business
from tests.database_copies import sqlite_copy
from tests.fake_slack import FAULTS, UPLOAD
from tests.faults.digest_seen import (
    AFTER_STALE,
    CLIENT_TIMEOUT,
    PAST_BACKOFF,
    STEPS,
    MovableClock,
    assert_posted_exactly_once,
    drive_real_digest,
    in_process_scheduler,
    seen,
)
from tests.faults.scenario_tools import (
    CHANNEL,
    INSTALLED,
    MONDAY_0901_BERLIN,
    step_name,
    wait_until,
)
from tests.sqlite_lock import LOCKER

pytestmark = pytest.mark.faults


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory, sqlite_template) -> Path:
    """A migrated SQLite database with the demo business, installed the week before."""
    folder = tmp_path_factory.mktemp("faults")
    db = Database(sqlite_copy(sqlite_template, folder, "seeded.db"))
    with db.session() as session:
        workspace = seed_sample_business(session, date(2026, 11, 23), INSTALLED)
        workspace.created_at = INSTALLED
    db.dispose()
    return folder / "seeded.db"


@pytest.fixture
def seeded_url(tmp_path, seeded_template) -> str:
    return sqlite_copy(seeded_template, tmp_path)


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


# The clock stepped back an hour after the digest was posted


def test_clock_stepped_back_an_hour_after_the_post_gives_no_second_digest(seeded_url, fake_slack,
                                                                         northstar, fault_table):
    """In-process: the scheduler's clock jumps back an hour after the post and ticks every
    minute through that hour again (past the due moment once more). Real process: restarted with
    its clock (NORTHSTAR_FAKE_NOW) an hour back, then just before the due moment."""
    clock = MovableClock(MONDAY_0901_BERLIN)
    scheduler = in_process_scheduler(seeded_url, fake_slack, clock)
    try:
        scheduler.tick()
        posted = seen(fake_slack, seeded_url).complete
        clock.advance(-timedelta(hours=1))
        for _ in range(62):
            scheduler.tick()
            clock.advance(timedelta(minutes=1))
    finally:
        scheduler.deps.db.dispose()
    in_process = seen(fake_slack, seeded_url)
    fault_table.record("clock stepped back an hour after the post", 1, len(in_process.messages),
                       in_process.lost, in_process.duplicates,
                       "in-process scheduler ticking each minute of the hour again; "
                       + in_process.note)
    assert posted, "the digest was not posted before the clock stepped back"
    assert_posted_exactly_once(in_process, fake_slack)

    process = northstar(seeded_url)
    process.start(MONDAY_0901_BERLIN - timedelta(hours=1))
    time.sleep(3)  # three ticks an hour before the due moment
    process.restart(MONDAY_0901_BERLIN - timedelta(minutes=1, seconds=2))
    time.sleep(5)  # ticks across the due moment (09:00 Berlin) again
    digest = seen(fake_slack, seeded_url)
    fault_table.record("clock stepped back an hour after the post (real process)", 2,
                       len(digest.messages), digest.lost, digest.duplicates,
                       "restarted an hour back, then 2 s before the due moment; " + digest.note)
    assert process.alive(), process.log_tail()
    assert_posted_exactly_once(digest, fake_slack)
