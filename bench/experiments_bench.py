"""What experiments and bends add to one digest over 5 years of data (same run, same data).

    .venv/bin/python -m bench.experiments_bench

Times, on one workspace with 250,000 entries over 5 years and five open experiments (each naming
a different KPI, two of them ratios of counts): judging the experiments (with "since when"),
finding and pairing the bends of the three watched curves, the experiments' weekly series, and
the before/after charts — against the whole digest without them (gather with both switched off).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.seed import seed_workspace
from bot.digest.charts import render_charts, render_experiment_charts
from capture.inputs import NoteInput
from metrics.weeks import IsoWeek
from ritual.digest_data import gather, kpi_settings
from ritual.experiments import bend_series, change_points, experiments
from storage.db import Database
from storage.entries import Provenance, add_entry
from storage.models import Workspace

CLAIMS = ("Bundle kpi:revenue up 5%", "Checklist kpi:error_rate_per_100 down 30%",
          "Free shipping kpi:average_order_value up", "Reels kpi:ctr_pct up 10%",
          "Faster answers kpi:gross_margin_pct up 2%")
RUNS = 9


def _seed(db: Database, week: IsoWeek) -> None:
    seed_workspace(db, "T0BENCH", 250_000, week.end, years=5)
    now = datetime.now(UTC)
    with db.session() as session:
        for weeks_ago, claim in zip((10, 8, 6, 5, 4), CLAIMS, strict=True):
            note = NoteInput(claim, week.start - timedelta(weeks=weeks_ago), "hypothesis")
            add_entry(session, "T0BENCH", note, Provenance("U0BENCH", now, "slash"))


def _gather(db: Database, week: IsoWeek):
    with db.reader() as session:
        return gather(session, session.get(Workspace, "T0BENCH"), week, datetime.now(UTC))


def _median_ms(action) -> float:
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _parts(db: Database, week: IsoWeek, data) -> None:
    """Exactly what gather adds for experiments and bends, on the data it already loaded."""
    with db.reader() as session:
        workspace = session.get(Workspace, "T0BENCH")
        settings = kpi_settings(workspace)
        experiments(session, workspace, week, data.inputs, settings, datetime.now(UTC),
                    noted_since=week.start - timedelta(weeks=52), series={})
        trend = bend_series(data.inputs, settings, workspace.north_star, week)
        change_points(session, workspace, week, trend)


def main() -> None:
    week = IsoWeek.of(date.today()).previous()
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        db.upgrade()
        _seed(db, week)
        data = _gather(db, week)
        print(f"{len(data.experiments)} experiments judged: "
              + ", ".join(f"{e['kpi']} {e['verdict']}" for e in data.experiments))
        print(f"{len(data.bends)} bends found in 26 weeks of 3 curves")
        whole = _median_ms(lambda: _gather(db, week))
        parts = _median_ms(lambda: _parts(db, week, data))
        charts = _median_ms(lambda: render_experiment_charts(data))
        digest_charts = _median_ms(lambda: render_charts(data))
    print(f"whole gather (KPIs, history, experiments, bends): {whole:7.1f} ms (median of {RUNS})")
    print(f"  of which experiments, bends and their series:  {parts:7.1f} ms")
    print(f"before/after chart (1 of {len(data.experiment_series)} experiments):         {charts:7.1f} ms")
    print(f"the digest's three charts, same run:               {digest_charts:7.1f} ms")
    print(f"added in all: {parts + charts:.1f} ms (target < 200 ms); "
          f"share of the digest's own work: {(parts + charts) / (whole - parts + digest_charts):.0%}")


if __name__ == "__main__":
    main()
