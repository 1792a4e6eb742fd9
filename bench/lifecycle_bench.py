"""The lifecycle's costs on SQLite: the reinstatement check every Slack request now makes,
and deleting a workspace with a year of history.

    .venv/bin/python -m bench.lifecycle_bench [ENTRIES]
Prints figures; the check is compared, in the same run, with the event-id write every
event already makes (bot/middleware.py), so the ratio holds on a busy machine.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import insert

from bench.seed import entry_rows
from ritual.deps import Deps
from ritual.lifecycle import purge_now, reinstated
from storage.db import Database
from storage.events import first_time_seen
from storage.models import Entry, Workspace

ROUNDS = 2000


def _per_call_us(call, rounds: int = ROUNDS) -> tuple[float, float]:
    """Median and p99 of one call, in microseconds."""
    times = []
    for index in range(rounds):
        start = time.perf_counter()
        call(index)
        times.append((time.perf_counter() - start) * 1e6)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99)]


def main(entries: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        db.upgrade()
        now = datetime.now(UTC)
        with db.session() as session:
            for team in ("TBENCH", "TKEEP"):
                session.add(Workspace(id=team, created_at=now, kpi_channel="C0KPI"))
            session.flush()
            session.execute(insert(Entry), entry_rows("TBENCH", entries, date(2026, 11, 22), 1.0))
            session.execute(insert(Entry), entry_rows("TKEEP", entries, date(2026, 11, 22), 1.0))
        deps = Deps(db=db)
        check = _per_call_us(lambda _: reinstated(deps, "TBENCH"))
        dedupe = _per_call_us(lambda i: first_time_seen(db, f"Ev{i}", now))
        print(f"reinstatement check per request (installed workspace, one read): "
              f"median {check[0]:.0f} µs, p99 {check[1]:.0f} µs")
        print(f"event-id write per event (existing, for comparison): "
              f"median {dedupe[0]:.0f} µs, p99 {dedupe[1]:.0f} µs; "
              f"check / write = {check[0] / dedupe[0]:.2f}")
        start = time.perf_counter()
        counts = purge_now(deps, "TBENCH")
        seconds = time.perf_counter() - start
        print(f"purge of a workspace with {counts['entries']:,} entries (another with as many "
              f"kept): {seconds:.2f} s")
        db.dispose()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
