"""App Home and the 13-week report against one week's report, 5 years of history.

    .venv/bin/python -m bench.home_grid_bench [ENTRIES]
One run on the bench workspace of bench/seed.py (250,000 entries by default, 24 goals):
- App Home: from `app_home_opened` (the listener called as Bolt calls it) to the moment the
  fake Slack receives `views.publish`; the first open after seeding, then opens in a row, then
  opens each right after an entry was added (the running week changed);
- `/kpi report t13w` (grid and message) against `/kpi report` (one week's report), median of
  runs taken in turn, and their ratio (same run: a shared machine's noise mostly cancels out).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from slack_sdk import WebClient

from bench.seed import seed_workspace
from bot.digest.report import report_message
from bot.listeners.events.home import publish_home
from bot.surfaces.home import grid_message
from ritual.deps import Deps
from ritual.digest_data import week_digest
from ritual.recording import record_command
from ritual.scorecard_grid import trailing_grid
from ritual.workspace_settings import SCALAR_KPIS
from storage.db import Database
from storage.models import Goal
from tests.fake_slack import FakeSlack

END = date(2026, 11, 22)
NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
TEAM = "TBENCH"
RUNS = 5


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def publish_once(deps: Deps, client: WebClient, fake: FakeSlack) -> float:
    """Seconds from the event to views.publish arriving at the fake Slack."""
    before = len(fake.calls_to("views.publish"))
    started = time.time()
    publish_home({"type": "app_home_opened", "user": "U0BENCH", "tab": "home"},
                 {"team_id": TEAM}, client, deps)
    [call] = fake.wait_for("views.publish", before + 1, timeout=60)[before:]
    return call.at - started


def add_one(deps: Deps, number: int) -> None:
    """An entry in the running week, as `/cost` stores it."""
    record_command(deps, "cost", TEAM, "U0BENCH", f"{10 + number} tools")


def seed_goals(db: Database) -> None:
    with db.session() as session:
        for number, kpi in enumerate(k for k in SCALAR_KPIS if k != "contribution_per_customer_month"):
            if number < 24:
                session.add(Goal(workspace_id=TEAM, kpi=kpi, target=Decimal(number + 1), set_at=NOW))


def reports(deps: Deps) -> tuple[float, float]:
    """Median seconds of `/kpi report` (one week) and `/kpi report t13w`, taken in turn."""
    week, grid = [], []
    for _ in range(RUNS):
        started = time.perf_counter()
        report_message(week_digest(deps, TEAM))
        week.append(time.perf_counter() - started)
        started = time.perf_counter()
        grid_message(trailing_grid(deps, TEAM), {})
        grid.append(time.perf_counter() - started)
    return statistics.median(week), statistics.median(grid)


def main(entries: int = 250_000) -> None:
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory() as folder, FakeSlack() as fake:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        db.upgrade()
        seed_workspace(db, TEAM, entries, END, 5.0)
        seed_goals(db)
        deps = Deps(db=db, clock=lambda: NOW)
        client = WebClient(token="xoxb-test", base_url=fake.api_url)
        first = publish_once(deps, client, fake)
        warm = [publish_once(deps, client, fake) for _ in range(RUNS)]
        after_write = []
        for number in range(RUNS):
            add_one(deps, number)
            after_write.append(publish_once(deps, client, fake))
        week_s, grid_s = reports(deps)
        grid = trailing_grid(deps, TEAM)
        db.dispose()
    print(f"entries {entries:,}; KPI rows {len(grid.rows)} x weeks {len(grid.weeks)}")
    print(f"App Home, event -> views.publish: first open {ms(first)}; "
          f"median of {RUNS} opens {ms(statistics.median(warm))} (max {ms(max(warm))}); "
          f"median of {RUNS} opens right after an entry {ms(statistics.median(after_write))} "
          f"(max {ms(max(after_write))})   target <= 300 ms")
    print(f"/kpi report (one week)  {ms(week_s)}")
    print(f"/kpi report t13w        {ms(grid_s)}   ({grid_s / week_s:.2f}x one week's report;"
          " target <= 1.5x)")
    print(f"load average {os.getloadavg()[0]:.1f} at the end (2 cores shared)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 250_000)
