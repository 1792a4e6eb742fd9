"""Same-run comparison with an earlier revision: the digest's stages timed in alternating child
processes of the two code trees, on the same data, so a shared machine's load hits both alike.

    .venv/bin/python -m bench.compare [REV] [ROUNDS]      (default: main, 3 rounds)
REV is exported with `git archive` into a temporary folder. Data: one workspace with 5 years
(250,000 entries) and 20 workspaces of one year (3,600 entries each). Each figure is the best
of ROUNDS child runs; CPU is the child's process time (less sensitive to other load than wall).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from bench.digest_bench import PER_YEAR
from bench.seed import seed_workspace
from metrics.weeks import IsoWeek
from storage.db import Database

ROOT = Path(__file__).resolve().parents[1]
SMALL = 20
CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from datetime import UTC, date, datetime
from bench.digest_bench import produce
from bot.digest.charts import render_charts
from metrics.report import build_report
from metrics.weeks import IsoWeek
from ritual.digest_data import gather, kpi_settings
from storage.db import Database
from storage.frames import load_inputs
from storage.models import Workspace
db, week, small = Database(sys.argv[2]), IsoWeek.parse(sys.argv[3]), int(sys.argv[4])
result = {}
def timed(name, work, repeat=1):
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        work()
    result[name] = ((time.perf_counter() - wall) / repeat, (time.process_time() - cpu) / repeat)
produce(db, "T5YEARS", week)
with db.reader() as session:
    workspace = session.get(Workspace, "T5YEARS")
    inputs = load_inputs(session, workspace.id)
    timed("KPIs of one week over 5 years, first time",
          lambda: build_report(inputs, kpi_settings(workspace), week))
    del inputs
timed("one digest over 5 years", lambda: produce(db, "T5YEARS", week), 2)
ids = iter([f"T{n:05d}" for n in range(small)] * 2)
timed("one digest over 1 year", lambda: produce(db, next(ids), week), small)
with db.reader() as session:
    data = gather(session, session.get(Workspace, "T00000"), week, datetime.now(UTC))
timed("its three charts", lambda: render_charts(data), 5)
print(json.dumps(result))
"""


def export(rev: str, folder: Path) -> Path:
    tree = folder / "base"
    tree.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def seed(url: str, week: IsoWeek) -> None:
    db = Database(url)
    db.upgrade()
    seed_workspace(db, "T5YEARS", 250_000, week.end, years=5)
    for number in range(SMALL):
        seed_workspace(db, f"T{number:05d}", PER_YEAR, week.end, years=1)
    db.dispose()


def child(tree: Path, url: str, week: IsoWeek) -> dict[str, tuple[float, float]]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(tree), url, str(week), str(SMALL)],
                         check=True, capture_output=True, text=True, cwd=tree).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(rev: str = "main", rounds: int = 3) -> None:
    week = IsoWeek.of(date.today()).previous()
    with tempfile.TemporaryDirectory() as folder:
        base = export(rev, Path(folder))
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        seed(url, week)
        runs: dict[str, list[dict]] = {"base": [], "this": []}
        for number in range(1, rounds + 1):
            for side, tree in (("base", base), ("this", ROOT)):
                runs[side].append(child(tree, url, week))
                print(f"round {number}, {side}: " + ", ".join(
                    f"{stage} {wall * 1000:.0f} ms" for stage, (wall, _) in runs[side][-1].items()),
                    flush=True)
    print(f"{'stage (best of ' + str(rounds) + ')':<44} {rev + ' wall':>10} {'this wall':>10} "
          f"{'ratio':>6}   {rev + ' CPU':>9} {'this CPU':>9} {'ratio':>6}")
    for stage in runs["base"][0]:
        best = {side: [min(run[stage][i] for run in runs[side]) for i in (0, 1)]
                for side in runs}
        (bw, bc), (tw, tc) = best["base"], best["this"]
        print(f"{stage:<44} {bw * 1000:8.0f}ms {tw * 1000:8.0f}ms {bw / tw:5.2f}x   "
              f"{bc * 1000:7.0f}ms {tc * 1000:7.0f}ms {bc / tc:5.2f}x")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "main",
         int(sys.argv[2]) if len(sys.argv) > 2 else 3)
