"""The command line's 13-week grid (as in App Home), and the demo's edited entry and home.txt."""

from __future__ import annotations

import json

from cli.main import main
from tests.cli.helpers import run


def test_report_weeks_13_json_is_the_app_home_grid_and_the_demo_shows_the_ritual(in_demo_tmp, capsys):
    run(capsys, "demo")
    folder = in_demo_tmp / "northstar-demo"
    digest = (folder / "digest.txt").read_text()
    assert "nach dem Digest geändert: Umsatz" in digest
    home = (folder / "home.txt").read_text()
    assert "Scorecard der letzten 13 Wochen" in home and "Digests:" in home
    grid = json.loads(run(capsys, "report", "--weeks", "13", "--json", "--team", "TDEMO"))
    assert len(grid["weeks"]) == 13 and all(len(r["cells"]) == 13 for r in grid["rows"])
    revenue = next(r for r in grid["rows"] if r["kpi"] == "revenue")
    targets = [c["target"] for c in revenue["cells"]]
    assert targets[0] == "3500.00" and targets[-1] == "4000.00"  # dated goals
    assert len(grid["digests"]) >= 10
    text = run(capsys, "report", "--weeks", "13", "--week", grid["weeks"][-1], "--team", "TDEMO")
    assert text == home


def test_report_weeks_out_of_range_is_refused(in_demo_tmp, capsys):
    run(capsys, "demo")
    assert main(["report", "--weeks", "0", "--team", "TDEMO"]) != 0
