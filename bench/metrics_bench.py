"""Load, compute and render for a workspace with 5 years of history (about 250,000 entries).

    .venv/bin/python -m bench.metrics_bench [ENTRIES]
Prints time and peak memory (tracemalloc) per stage.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

from bench.seed import seed_workspace
from bot.digest.charts import ALL_CHARTS, render_charts
from bot.digest.gather import gather, kpi_settings
from metrics.report import build_report
from metrics.weeks import IsoWeek
from storage.db import Database
from storage.frames import load_inputs
from storage.models import Workspace

T = TypeVar("T")


def stage(name: str, work: Callable[[], T]) -> T:
    """Run one stage and print its wall time and peak traced memory."""
    tracemalloc.start()
    started = time.perf_counter()
    result = work()
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{name:<34} {elapsed * 1000:9.1f} ms   peak {peak / 2**20:7.1f} MiB")
    return result


def main(entries: int = 250_000) -> None:
    week = IsoWeek.of(date.today()).previous()
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        db.upgrade()
        stage(f"seed {entries:,} entries (5 years)",
              lambda: seed_workspace(db, "T0BENCH", entries, week.end, years=5))
        with db.session() as session:
            workspace = session.get(Workspace, "T0BENCH")
            inputs = stage("load all entries (DataFrames)",
                           lambda: load_inputs(session, workspace.id))
            settings = kpi_settings(workspace)
            stage("one week's KPIs (build_report)", lambda: build_report(inputs, settings, week))
            stage("one week's KPIs again (warm)", lambda: build_report(inputs, settings, week))
            data = stage("gather digest data (load + KPIs)",
                         lambda: gather(session, workspace, week, datetime.now(UTC),
                                        record_alerts=False))
            charts = stage("all five charts", lambda: render_charts(data, ALL_CHARTS))
            print(f"charts rendered: {', '.join(charts)}")
    print("targets: one week's KPIs < 300 ms; all charts < 1.5 s; peak memory < 300 MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 250_000)
