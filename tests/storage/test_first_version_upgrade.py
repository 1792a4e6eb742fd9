"""A database made by the first version upgrades with every row and gives the same report."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from cli.main import main

DATA = Path(__file__).parent / "data"
OLD_TABLES = ["workspaces", "entries", "goals", "digests", "alerts", "category_classes",
              "processed_events"]


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in OLD_TABLES}


def test_the_first_versions_demo_database_upgrades_with_every_row(tmp_path, monkeypatch, capsys):
    path = tmp_path / "northstar.db"
    shutil.copyfile(DATA / "first_version_demo.db", path)
    before = _counts(path)
    assert before["entries"] > 1000 and before["goals"] > 0
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    assert main(["db", "upgrade"]) == 0
    assert _counts(path) == before
    capsys.readouterr()
    assert main(["report", "--week", "2026-W48", "--team", "TDEMO", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    expected = json.loads((DATA / "first_version_report_2026-W48.json").read_text())
    assert _printed_as_before(report, expected) == []


def _printed_as_before(now, before, path: str = "") -> list[str]:
    """Where today's report differs from what the first version printed (keys added since,
    such as `weeks_used`, are not differences)."""
    if isinstance(before, dict) and isinstance(now, dict):
        return [difference for key, value in before.items()
                for difference in _printed_as_before(now.get(key), value, f"{path}.{key}")]
    return [] if now == before else [f"{path}: {before!r} then, {now!r} now"]
