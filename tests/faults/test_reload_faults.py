"""gunicorn's reload (SIGHUP) while a digest is due: the new workers take over the scheduler.

A reload starts new workers and stops the old ones; the worker that runs the scheduler is the
one holding the scheduler lock, so after the reload one of the new workers holds it and ticks.
One workspace falls due at the moment of the reload (its digest is posted exactly once), a
second one later (it gets its digest too: the scheduler still ticks after the reload).
"""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from ritual.due import reschedule
from storage.db import Database
from storage.models import Workspace
from tests.database_copies import sqlite_copy
from tests.faults.conftest import Northstar
from tests.faults.scenario_tools import wait_until
from tests.faults.test_many_processes import top_level_posts

pytestmark = pytest.mark.faults

START = datetime(2026, 11, 23, 7, 59, 30, tzinfo=UTC)  # fake time when the server starts
FIRST_DUE = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # the reload happens at this moment
SECOND_DUE = datetime(2026, 11, 23, 8, 1, tzinfo=UTC)  # well after the reload has finished
SPEED = 3  # the fake clock runs three times as fast: 10 real s to the reload, 20 more to SECOND_DUE
CHANNELS = {"T0FIRST": ("C0FIRST", FIRST_DUE), "T0SECOND": ("C0SECOND", SECOND_DUE)}


def seed(database_url: str) -> None:
    db = Database(database_url)
    with db.session() as session:
        for team, (channel, due) in CHANNELS.items():
            workspace = Workspace(id=team, created_at=START - timedelta(days=2), timezone="UTC",
                                  kpi_channel=channel, digest_weekday=due.weekday(),
                                  digest_time=due.strftime("%H:%M"), language="en")
            session.add(workspace)
            session.flush()
            reschedule(workspace, START)
            assert workspace.next_digest_at == due
    db.dispose()


def test_a_reload_during_a_due_tick_posts_once_and_the_scheduler_ticks_on(
        sqlite_template, fake_slack, tmp_path, fault_table):
    url = sqlite_copy(sqlite_template, tmp_path, "reload.db")
    seed(url)
    real_start = time.time()
    server = Northstar(tmp_path, fake_slack.api_url, url,
                       {"NORTHSTAR_FAKE_NOW_AT": f"{real_start:.6f}", "NORTHSTAR_FAKE_SPEED": str(SPEED),
                        "NORTHSTAR_ELECTION_SECONDS": "1"})
    try:
        server.start(START)
        time.sleep(max(0.0, (FIRST_DUE - START).total_seconds() / SPEED - (time.time() - real_start)))
        os.kill(server.process.pid, signal.SIGHUP)  # the reload, as the first digest falls due
        second_in = (SECOND_DUE - START).total_seconds() / SPEED - (time.time() - real_start)
        wait_until(lambda: len(top_level_posts(fake_slack)) >= 2, second_in + 30, interval=0.5)
        time.sleep(3)  # three more ticks: nothing more may be posted
        alive, logs = server.alive(), server.logs()
    finally:
        server.stop()

    per_channel = Counter(call.args["channel"] for call in top_level_posts(fake_slack))
    expected = Counter({channel: 1 for channel, _ in CHANNELS.values()})
    fault_table.record("gunicorn reload (SIGHUP) while a digest is due (real process)", 1,
                       sum(per_channel.values()),
                       sum(1 for channel in expected if per_channel[channel] == 0),
                       sum(count - 1 for count in per_channel.values() if count > 1),
                       "a new worker takes the scheduler lock; the next workspace due gets its digest")
    assert alive, logs[-4000:]
    assert per_channel == expected, logs[-4000:]
    assert "Traceback" not in logs, logs[-4000:]
    assert fake_slack.violations == []
