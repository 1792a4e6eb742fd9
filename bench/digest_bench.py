"""Time and peak memory to produce digests (KPIs, charts, Block Kit payload).

    .venv/bin/python -m bench.digest_bench one        # one digest over 5 years of history
    .venv/bin/python -m bench.digest_bench many [N] [WORKERS]
        N workspaces of one year each (default 1000), each worker count of WORKERS in turn
        (default "1,2") on the same data: wall time, the speed-up over the first count, and the
        cores 10,000 workspaces need to be posted within 10 minutes at the measured CPU cost.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path

from bench.seed import seed_workspace
from bot.digest.blocks import digest_blocks
from bot.digest.charts import render_charts
from metrics.weeks import IsoWeek
from ritual.digest_data import gather
from storage.db import Database
from storage.models import Workspace

PER_YEAR = 3_600
FLEET, WINDOW_S = 10_000, 600


def produce(db: Database, workspace_id: str, week: IsoWeek) -> int:
    """One digest as the scheduler makes it; returns the bytes of charts made."""
    with db.reader() as session:
        workspace = session.get(Workspace, workspace_id)
        data = gather(session, workspace, week, datetime.now(UTC))
    digest_blocks(data)
    return sum(len(png) for png in render_charts(data).values())


def _worker(args: tuple[str, list[str], str]) -> float:
    url, workspace_ids, week = args
    db = Database(url)
    started = time.perf_counter()
    for workspace_id in workspace_ids:
        produce(db, workspace_id, IsoWeek.parse(week))
    return time.perf_counter() - started


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one() -> None:
    week = IsoWeek.of(date.today()).previous()
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        db.upgrade()
        seed_workspace(db, "T0BENCH", 250_000, week.end, years=5)
        produce(db, "T0BENCH", week)
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            produce(db, "T0BENCH", week)
            timings.append(time.perf_counter() - started)
    print(f"one digest, 5 years / 250,000 entries: best {min(timings):.2f} s, "
          f"worst {max(timings):.2f} s of 3; peak RSS {peak_rss_mib():.0f} MiB (target < 2 s)")


def run_pool(url: str, ids: list[str], week: IsoWeek, workers: int) -> tuple[float, float]:
    """Wall seconds for all digests on `workers` processes, and the summed busy seconds."""
    started = time.perf_counter()
    chunks = [(url, ids[i::workers], str(week)) for i in range(workers)]
    with ProcessPoolExecutor(workers) as pool:
        busy = list(pool.map(_worker, chunks))
    return time.perf_counter() - started, sum(busy)


def many(count: int, worker_counts: tuple[int, ...] = (1, 2)) -> None:
    week = IsoWeek.of(date.today()).previous()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        db = Database(url)
        db.upgrade()
        started = time.perf_counter()
        ids = [f"T{index:05d}" for index in range(count)]
        for workspace_id in ids:
            seed_workspace(db, workspace_id, PER_YEAR, week.end, years=1)
        print(f"seeded {count} workspaces x {PER_YEAR:,} entries in "
              f"{time.perf_counter() - started:.0f} s; {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f} (the machine is shared)")
        first = None
        for workers in worker_counts:
            elapsed, busy = run_pool(url, ids, week, workers)
            first = first or (workers, elapsed)
            per_digest = busy / count
            print(f"{count} digests (1 year each) on {workers} process(es): {elapsed:.1f} s wall "
                  f"({elapsed / count * 1000:.0f} ms per digest wall, {per_digest * 1000:.0f} ms "
                  f"per digest in a process); {first[1] / elapsed:.2f}x the {first[0]}-process "
                  f"run; 1,000 would take {elapsed / count * 1000:.0f} s")
            print(f"  -> {FLEET:,} workspaces in {WINDOW_S // 60} minutes need "
                  f"{FLEET * per_digest / WINDOW_S:.1f} busy cores at this per-digest cost")
    print("targets: 1,000 in <= 150 s on 2 processes; 1 -> 2 processes >= 1.8x")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "many":
        many(int(sys.argv[2]) if len(sys.argv) > 2 else 1000,
             tuple(int(n) for n in sys.argv[3].split(",")) if len(sys.argv) > 3 else (1, 2))
    else:
        one()
