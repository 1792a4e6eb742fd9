"""The scheduler's tick with 10,000 workspaces of which none is due, on SQLite and PostgreSQL.

    .venv/bin/python -m bench.scheduler_tick [WORKSPACES] [WEEKS]

Every workspace has a channel, a schedule in one of ten zones and WEEKS posted digests (the
latest is the due week), so nothing is due. Per tick it prints the wall time and the time
spent in database statements, for the tick as it is now (the indexed next-due time) and, in
the same run, for the old way (every process reads every workspace and looks at its due week
in a transaction of its own), and the new tick in 3 processes at once on PostgreSQL.
PostgreSQL is used when NORTHSTAR_BENCH_PG_URL (a server URL) is set, or started with
scripts/pg_temp.sh when its binaries are installed.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, event, insert, text

from bench.ingest_bench import postgres_server
from ritual.claims import claim_or_retry
from ritual.deps import Deps
from ritual.due import due_digest, next_scheduled
from ritual.schedule import tick
from storage.db import Database
from storage.digests import charts_due, mark_skipped
from storage.events import forget_old_events
from storage.models import Digest, Workspace
from storage.workspaces import all_workspaces

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday: every Monday's digest is out
ZONES = ("Europe/Berlin", "Europe/London", "America/New_York", "Asia/Tokyo", "Asia/Kolkata",
         "Australia/Sydney", "America/Los_Angeles", "Pacific/Auckland", "America/Sao_Paulo",
         "Asia/Kathmandu")
NEW_TICKS, OLD_TICKS = 30, 1


class StatementTimer:
    """Seconds spent in database statements on the given engines."""

    def __init__(self, *engines) -> None:
        self.seconds = 0.0
        for engine in set(engines):
            event.listen(engine, "before_cursor_execute", self._before)
            event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, conn, *_args) -> None:
        conn.info["bench_started"] = time.perf_counter()

    def _after(self, conn, *_args) -> None:
        self.seconds += time.perf_counter() - conn.info.pop("bench_started")


def seed(db: Database, count: int, weeks: int) -> None:
    """`count` workspaces, none due at NOW: their due week and the ones before are posted."""
    workspaces, digests = [], []
    for index in range(count):
        workspace = Workspace(id=f"T{index:05d}", created_at=NOW - timedelta(days=400),
                              kpi_channel=f"C{index:05d}", timezone=ZONES[index % len(ZONES)],
                              digest_weekday=index % 3, digest_time=f"{8 + index % 4:02d}:30")
        due = due_digest(workspace, NOW)
        workspaces.append({column.key: getattr(workspace, column.key) for column in
                           Workspace.__table__.columns if getattr(workspace, column.key) is not None}
                          | {"next_digest_at": next_scheduled(workspace, NOW), "language": "de"})
        week = due.week
        for ago in range(weeks):
            moment = due.scheduled.astimezone(UTC) - timedelta(weeks=ago)
            digests.append({"workspace_id": workspace.id, "week": str(week), "status": "posted",
                            "claimed_by": "bench", "claimed_at": moment, "posted_at": moment,
                            "late": False, "attempts": 1, "channel": workspace.kpi_channel,
                            "ts": "1700000000.000001", "charts_status": "done",
                            "charts_attempts": 1})
            week = week.previous()
    with db.engine.begin() as connection:
        connection.execute(insert(Workspace), workspaces)
        for start in range(0, len(digests), 20_000):
            connection.execute(insert(Digest), digests[start:start + 20_000])
        if db.engine.dialect.name == "postgresql":
            connection.execute(text("ANALYZE"))


def old_tick(deps: Deps, claimer: str) -> None:
    """The tick before issue 12: every workspace read, each due week looked at in its own
    transaction (with the missed-week check), then the charts to retry."""
    now = deps.now()
    forget_old_events(deps.db, now)
    with deps.db.reader() as session:
        workspace_ids = [w.id for w in all_workspaces(session) if w.kpi_channel]
    for workspace_id in workspace_ids:
        with deps.db.session() as session:
            workspace = session.get(Workspace, workspace_id)
            due = due_digest(workspace, now)
            if due.scheduled < workspace.created_at:
                continue
            if due.scheduled - timedelta(days=7) >= workspace.created_at:
                mark_skipped(session, workspace.id, str(due.week.previous()), now, "missed")
            assert claim_or_retry(session, workspace_id, str(due.week), claimer, now) is None
    with deps.db.reader() as session:
        charts_due(session, now)


def nothing_to_post(*_args) -> bool:
    raise AssertionError("nothing is due in this benchmark")


def measure(url: str, ticks: int, old: bool) -> tuple[list[float], list[float]]:
    """Wall and statement seconds of each tick (the new one after a warm-up tick; the old one
    without, as one of its ticks reads every row anyway)."""
    db = Database(url)
    deps = Deps(db=db, clock=lambda: NOW)
    timer = StatementTimer(db.engine, db.read_engine)
    walls, statements = [], []
    warm_up = 0 if old else 1
    for index in range(ticks + warm_up):
        timer.seconds, started = 0.0, time.perf_counter()
        if old:
            old_tick(deps, "bench")
        else:
            assert tick(deps, nothing_to_post, "bench", nothing_to_post) == []
        if index >= warm_up:
            walls.append(time.perf_counter() - started)
            statements.append(timer.seconds)
    db.dispose()
    return walls, statements


def _new_ticks(url: str) -> tuple[list[float], list[float]]:
    return measure(url, NEW_TICKS, old=False)


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} ms (max {max(values) * 1000:.1f})"


def report(name: str, url: str, count: int, weeks: int, processes: int) -> None:
    db = Database(url)
    db.upgrade()
    started = time.perf_counter()
    seed(db, count, weeks)
    db.dispose()
    print(f"{name}: seeded {count:,} workspaces, {count * weeks:,} posted digests "
          f"in {time.perf_counter() - started:.0f} s")
    new_wall, new_sql = measure(url, NEW_TICKS, old=False)
    old_wall, old_sql = measure(url, OLD_TICKS, old=True)
    print(f"  new tick (indexed next-due time): wall {ms(new_wall)}, statements {ms(new_sql)}")
    print(f"  old tick (scan every workspace):  wall {ms(old_wall)}, statements {ms(old_sql)}")
    print(f"  per workspace in the old tick: "
          f"{statistics.median(old_wall) / count * 1000:.2f} ms")
    print(f"  new/old wall: 1/{statistics.median(old_wall) / statistics.median(new_wall):,.0f}"
          "  (target: < 50 ms per tick per process)")
    if processes > 1:
        with ProcessPoolExecutor(processes) as pool:
            results = list(pool.map(_new_ticks, [url] * processes))
        walls = [value for wall, _ in results for value in wall]
        sql = [value for _, statements in results for value in statements]
        print(f"  new tick, {processes} processes ticking at once: wall {ms(walls)}, "
              f"statements {ms(sql)} per tick per process")


def main(count: int = 10_000, weeks: int = 12) -> None:
    print(f"{count:,} workspaces, none due; {NEW_TICKS} new ticks and {OLD_TICKS} old ticks "
          "each (medians; the machine is shared)")
    with tempfile.TemporaryDirectory() as folder:
        report("SQLite", f"sqlite:///{Path(folder) / 'bench.db'}", count, weeks, 1)
    server, folder = postgres_server()
    if server is None:
        print("PostgreSQL: no server available (set NORTHSTAR_BENCH_PG_URL)")
        return
    name = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        report("PostgreSQL", f"{server.rsplit('/', 1)[0]}/{name}", count, weeks, 3)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        if folder:
            subprocess.run(["bash", str(Path(__file__).resolve().parents[1] / "scripts" /
                                        "pg_temp.sh"), "stop", folder], check=False)


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
