"""The 13-week App Home grid against one week's digest data, 5 years of history.

    .venv/bin/python -m bench.home_grid_bench [ENTRIES]
Prints the wall time of each, and their ratio (same run, so a shared machine's noise cancels
out mostly); then the rendered view's block count and largest text.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from bench.seed import seed_workspace
from bot.surfaces.home import home_view
from metrics.weeks import IsoWeek
from ritual.digest_data import gather
from ritual.scorecard_grid import build_grid
from ritual.workspace_settings import SCALAR_KPIS
from storage.db import Database
from storage.models import Goal, Workspace

END = date(2026, 11, 22)
NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


def timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def main(entries: int = 250_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        db.upgrade()
        seed_workspace(db, "TBENCH", entries, END, 5.0)
        with db.session() as session:
            for number, kpi in enumerate(k for k in SCALAR_KPIS if k != "contribution_per_customer_month"):
                if number < 24:
                    session.add(Goal(workspace_id="TBENCH", kpi=kpi, target=Decimal(number + 1),
                                     set_at=NOW))
        week = IsoWeek.of(END)
        with db.reader() as session:
            workspace = session.get(Workspace, "TBENCH")
            digest_s, _ = timed(lambda: gather(session, workspace, week, NOW))
            grid_s, grid = timed(lambda: build_grid(session, workspace, week))
        view = home_view(grid)
        longest = max(len(json.dumps(block, ensure_ascii=False)) for block in view["blocks"])
        print(f"entries {entries:,}; KPI rows {len(grid.rows)} × weeks {len(grid.weeks)}")
        print(f"one week's digest data   {digest_s * 1000:8.1f} ms")
        print(f"13-week App Home grid    {grid_s * 1000:8.1f} ms   ({grid_s / digest_s:.2f}× the digest)")
        print(f"home view: {len(view['blocks'])} blocks (limit 100), largest block {longest} chars")
        db.dispose()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 250_000)
