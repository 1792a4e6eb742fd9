"""The metrics move where the work happens: commands by outcome, ingested events by result,
digests posted, failed and retried, chart uploads, nudges; the scheduler's gauges at a scrape."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import urllib.request
from datetime import timedelta

import pytest
from prometheus_client import values as prometheus_values

from bot.telemetry import count_ingestion, count_nudge, exposition, instruments, use_multiprocess_dir
from ritual.health import mark_tick
from storage.health import last_tick
from tests.bot.conftest import MovableClock
from tests.bot.test_ingest import FEE, ORDER, make_token
from tests.bot.test_owners_nudges import job, lang, shop  # noqa: F401 - fixtures
from tests.bot.test_scheduler import INSTALLED_LAST_WEEK, MONDAY_0900_BERLIN_WINTER, make_scheduler, seed
from web.ingest import INGEST_PATH, ingest_app
from web.server import make_http_server


@pytest.fixture(autouse=True)
def one_process(monkeypatch):
    """In-process tests count in this process's registry, not in a multiprocess folder."""
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    if instruments().registry is None:
        instruments.cache_clear()


def sample(name: str, **labels: str) -> float:
    return instruments().registry.get_sample_value(name, labels) or 0.0


class Counts:
    """The samples named, read now and again later: `moved()` gives the differences."""

    def __init__(self, *samples: tuple) -> None:
        self.samples = samples
        self.before = [sample(name, **labels) for name, labels in samples]

    def moved(self) -> list[float]:
        return [sample(name, **labels) - before
                for (name, labels), before in zip(self.samples, self.before, strict=True)]


def test_commands_are_counted_and_timed_by_kind_and_outcome(bot):
    counts = Counts(("northstar_commands_total", {"kind": "cost", "outcome": "stored"}),
                    ("northstar_commands_total", {"kind": "cost", "outcome": "refused"}),
                    ("northstar_commands_total", {"kind": "kpi", "outcome": "ok"}),
                    ("northstar_commands_total", {"kind": "kpi", "outcome": "unknown"}),
                    ("northstar_command_seconds_count", {"kind": "cost"}))
    assert bot.slack.command("/cost", "49,90 tools Zapier")[0] == 200
    assert bot.slack.command("/cost", "-5 tools")[0] == 200
    assert bot.slack.command("/kpi", "help")[0] == 200
    assert bot.slack.command("/kpi", "frobnicate")[0] == 200
    assert counts.moved() == [1, 1, 1, 1, 2]


def test_an_unsigned_command_is_not_counted(bot):
    counts = Counts(("northstar_command_seconds_count", {"kind": "cost"}))
    assert bot.slack.unsigned("/cost", "49,90 tools")[0] == 401
    assert counts.moved() == [0]


def test_ingested_events_are_counted_by_result(bot):
    server = make_http_server({INGEST_PATH: ingest_app(bot.deps, on_result=count_ingestion)}, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    counts = Counts(*(("northstar_events_ingested_total", {"result": result})
                      for result in ("accepted", "duplicate", "rejected")))
    bad = {"type": "cost", "external_id": "bad-1", "occurred_on": "2026-11-20", "amount": -3}
    request = urllib.request.Request(
        f"http://127.0.0.1:{server.server_address[1]}{INGEST_PATH}",
        data=json.dumps({"events": [ORDER, FEE, ORDER, bad]}).encode(),
        headers={"Authorization": f"Bearer {make_token(bot)}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
    finally:
        server.shutdown()
        server.server_close()
    assert counts.moved() == [2, 1, 1]


def test_digests_failed_retried_posted_and_their_charts(database_url, fake_slack):
    clock = MovableClock(MONDAY_0900_BERLIN_WINTER + timedelta(minutes=1))
    scheduler = make_scheduler(database_url, fake_slack, clock, "metrics")
    seed(scheduler, INSTALLED_LAST_WEEK)
    counts = Counts(*(("northstar_digests_total", {"outcome": outcome})
                      for outcome in ("posted", "failed", "retried")),
                    ("northstar_chart_uploads_total", {"outcome": "uploaded"}),
                    ("northstar_digest_seconds_count", {}))
    fake_slack.fail_next("chat.postMessage", error="channel_not_found")
    scheduler.tick()
    assert counts.moved() == [0, 1, 0, 0, 1]
    clock.advance(minutes=5)
    scheduler.tick()
    assert counts.moved() == [1, 1, 1, 1, 2]
    assert last_tick(scheduler.deps.db) == clock()


def test_nudges_sent_and_failed(shop):  # noqa: F811 - the fixture imported above
    counts = Counts(("northstar_nudges_total", {"outcome": "sent"}),
                    ("northstar_nudges_total", {"outcome": "failed"}))
    shop.fake.fail_next("chat.postMessage", "internal_error")
    job(shop).tick()
    shop.clock.advance(minutes=5)
    job(shop).tick()
    assert counts.moved() == [1, 1]


def test_a_scrape_shows_the_counters_and_the_schedulers_gauges(bot):
    mark_tick(bot.deps)
    bot.clock.advance(seconds=30)
    body, content_type = exposition(bot.deps)
    text = body.decode()
    assert content_type.startswith("text/plain")
    assert "northstar_database_up 1.0" in text
    assert "northstar_scheduler_lag_seconds 30.0" in text
    assert "northstar_due_backlog 0.0" in text
    assert 'northstar_events_ingested_total{result="accepted"}' in text
    assert "# TYPE northstar_command_seconds histogram" in text


def test_a_scrape_without_the_database_says_so(bot):
    from storage.db import Database

    bot.deps.db = Database("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=1")
    text = exposition(bot.deps)[0].decode()
    assert "northstar_database_up 0.0" in text and "northstar_scheduler_lag_seconds" not in text


def test_the_multiprocess_folder_is_fresh_and_a_dead_servers_folder_goes(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    orphan = tmp_path / f"northstar-metrics-{dead}-abc"
    orphan.mkdir()
    (orphan / "counter_1.db").write_bytes(b"old")
    alive = tmp_path / f"northstar-metrics-{os.getppid()}-def"
    alive.mkdir()
    try:
        folder = use_multiprocess_dir()
        assert folder.parent == tmp_path and folder.name.startswith(f"northstar-metrics-{os.getpid()}-")
        assert not orphan.exists() and alive.exists()
        count_nudge("sent")
        assert any(folder.glob("counter_*.db"))  # counted into the folder, not in memory
    finally:
        monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR")
        prometheus_values.ValueClass = prometheus_values.get_value_class()
        instruments.cache_clear()


def test_a_given_multiprocess_folder_is_emptied_of_an_earlier_run(tmp_path, monkeypatch):
    given = tmp_path / "metrics"
    given.mkdir()
    (given / "counter_123.db").write_bytes(b"old")
    (given / "notes.txt").write_text("not ours")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(given))
    try:
        assert use_multiprocess_dir() == given
        assert [p.name for p in given.iterdir()] == ["notes.txt"]
    finally:
        monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR")
        prometheus_values.ValueClass = prometheus_values.get_value_class()
        instruments.cache_clear()
