"""Load, compute and render for a workspace with 5 years of history (about 250,000 entries).

    .venv/bin/python -m bench.metrics_bench [ENTRIES]
Prints time and peak memory (tracemalloc) per stage.
"""

from __future__ import annotations

import gc
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

from bench.seed import seed_workspace
from bot.digest.charts import ALL_CHARTS, render_charts
from metrics.report import build_report
from metrics.weeks import IsoWeek
from ritual.digest_data import gather, kpi_settings
from storage.db import Database
from storage.frames import load_inputs
from storage.models import Workspace

T = TypeVar("T")


def stage(name: str, work: Callable[[], T]) -> T:
    """Run one stage; print its wall time and the process's peak resident memory so far."""
    started = time.perf_counter()
    result = work()
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{name:<38} {elapsed * 1000:9.1f} ms   peak RSS {peak:6.0f} MiB")
    return result


def _seed(url: str, entries: int, end: date) -> None:
    seed_workspace(Database(url), "T0BENCH", entries, end, years=5)


def full_history_stages(session, workspace: Workspace, week: IsoWeek) -> None:
    """Load all five years and compute one week's KPIs twice; the frames go when it returns."""
    inputs = stage("load all entries (DataFrames)", lambda: load_inputs(session, workspace.id))
    settings = kpi_settings(workspace)
    stage("one week's KPIs, first (sorts the frames)",
          lambda: build_report(inputs, settings, week))
    stage("one week's KPIs, again", lambda: build_report(inputs, settings, week))


def main(entries: int = 250_000) -> None:
    week = IsoWeek.of(date.today()).previous()
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        db.upgrade()
        with ProcessPoolExecutor(1) as pool:
            started = time.perf_counter()
            pool.submit(_seed, db.url, entries, week.end).result()
        print(f"seeded {entries:,} entries (5 years) in a child process in "
              f"{time.perf_counter() - started:.1f} s")
        with db.reader() as session:
            workspace = session.get(Workspace, "T0BENCH")
            full_history_stages(session, workspace, week)
            gc.collect()
            data = stage("gather digest data (load + KPIs)",
                         lambda: gather(session, workspace, week, datetime.now(UTC)))
            stage("digest's three charts", lambda: render_charts(data))
            charts = stage("all five charts", lambda: render_charts(data, ALL_CHARTS))
            print(f"charts rendered: {', '.join(charts)}")
    print("targets: one week's KPIs < 300 ms; all charts < 1.5 s; peak memory < 300 MB")
    print("(peak RSS of this process, a high-water mark: interpreter, pandas and matplotlib "
          "included; the full 5-year frames are dropped before the digest stages, as the "
          "scheduler never holds them)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 250_000)
