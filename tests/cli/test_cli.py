"""The command line: demo, report --json, digest --out, import and export round trip."""

from __future__ import annotations

import json
from datetime import date

from slack_sdk.models.blocks import Block

from cli.main import main
from storage.db import Database
from storage.entries import Provenance, add_entry
from storage.models import Entry, Workspace
from tests.bot.test_report_from_slack import FUNNEL_WEEKS
from tests.cli.helpers import run


def demo(capsys, monkeypatch) -> str:
    """`northstar demo`, then point the other commands at the demo's own database."""
    out = run(capsys, "demo")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///northstar-demo/demo.db")
    return out


def test_demo_writes_digest_json_text_and_charts(in_tmp, capsys):
    out = run(capsys, "demo")
    folder = in_tmp / "northstar-demo"
    assert "digest.txt" in out and (folder / "demo.db").exists()
    assert not (in_tmp / "northstar.db").exists()
    payload = json.loads((folder / "digest.json").read_text())
    assert 0 < len(payload["blocks"]) <= 50
    for block in payload["blocks"]:
        assert Block.parse(block).to_dict() == block
    for block in payload["thread_reply"]["blocks"]:
        assert Block.parse(block).to_dict() == block
    text = (folder / "digest.txt").read_text()
    assert "Nordstern" in text and "Was blockiert?" in text and "🔴 Fehlerquote" in text
    channel, thread = text.split("Erste Antwort im Thread")
    assert "Braucht Aufmerksamkeit" in channel and "Experimente" in thread
    assert "✅ bestätigt" in thread and "⏳ zu früh" in thread and "was ist passiert?" in thread
    charts = sorted(p.name for p in folder.glob("*.png"))
    assert len(charts) == 6  # the digest's five, and before/after of the newest open experiment
    assert sum(name.startswith("chart-experiment-") for name in charts) == 1
    assert all((folder / name).read_bytes().startswith(b"\x89PNG") for name in charts)


def test_demo_twice_replaces_the_sample_business(in_tmp, capsys, monkeypatch):
    demo(capsys, monkeypatch)
    first = run(capsys, "report", "--team", "TDEMO", "--json")
    run(capsys, "demo")
    assert json.loads(run(capsys, "report", "--team", "TDEMO", "--json")) == json.loads(first)


def test_report_json_of_the_funnel_entered_through_storage(in_tmp, capsys, sqlite_url,
                                                           monkeypatch):
    from capture.commands import parse_cost_command, parse_record_command
    from capture.context import ParseContext
    from storage.clock import utc_now

    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    db = Database(sqlite_url)
    db.upgrade()
    ctx = ParseContext(today=date(2026, 11, 18), lang="de")
    with db.session() as session:
        session.add(Workspace(id="T1", created_at=utc_now()))
        session.flush()
        origin = Provenance("U1", utc_now(), "slash")
        for day, cost, leads, qualified, new in FUNNEL_WEEKS:  # the window's four weeks
            add_entry(session, "T1", parse_cost_command(f"{cost} ads date:{day}2026", ctx), origin)
            for text in (f"leads {leads}", f"qualified_leads {qualified}", f"new_customers {new}"):
                add_entry(session, "T1", parse_record_command(f"{text} date:{day}2026", ctx), origin)
    report = json.loads(run(capsys, "report", "--week", "2026-W47", "--json"))
    assert report["workspace"] == "T1" and report["week"] == "2026-W47"
    assert report["kpis"]["cost_per_qualified_lead"]["value"] == "579.50"
    assert report["kpis"]["cac"]["value"] == "1193.60"
    assert report["kpis"]["revenue"] == {"value": None, "window": "week",
                                         "reason": "no revenue recorded"}


def test_bad_week_and_unknown_team_exit_non_zero(in_tmp, capsys, monkeypatch):
    demo(capsys, monkeypatch)
    assert main(["report", "--week", "2026-47"]) == 2
    assert "ISO week" in capsys.readouterr().err
    assert main(["report", "--team", "TNOPE"]) == 2


def test_export_then_import_into_an_empty_database_gives_the_same_report(in_tmp, capsys,
                                                                        monkeypatch):
    demo(capsys, monkeypatch)
    before = run(capsys, "report", "--team", "TDEMO", "--week", "2026-W46", "--json")
    run(capsys, "export", "--out", "export", "--team", "TDEMO")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{in_tmp / 'fresh.db'}")
    out = run(capsys, "import", "export/northstar-TDEMO.csv", "--team", "TDEMO")
    assert "already there" in out
    again = run(capsys, "import", "export/northstar-TDEMO.csv", "--team", "TDEMO")
    assert "0 new entries" in again
    after = run(capsys, "report", "--team", "TDEMO", "--week", "2026-W46", "--json")
    assert json.loads(after) == json.loads(before)


def test_import_with_errors_stores_nothing_and_lists_lines(in_tmp, capsys):
    (in_tmp / "bad.csv").write_text("date;kind;name;amount\n20.11.2026;cost;tools;12,50\n"
                                    "31.02.2026;cost;tools;5\n20.11.2026;metric;ordrs;3\n")
    assert main(["import", "bad.csv", "--team", "T1"]) == 2
    err = capsys.readouterr().err
    assert "line 3" in err and "line 4" in err and "nothing imported" in err
    db = Database(f"sqlite:///{in_tmp / 'northstar.db'}")
    with db.session() as session:
        assert session.query(Entry).count() == 0


def test_digest_out_writes_a_folder(in_tmp, capsys, monkeypatch):
    demo(capsys, monkeypatch)
    out = run(capsys, "digest", "--week", "2026-W45", "--team", "TDEMO", "--out", "w45")
    assert "digest.json" in out and (in_tmp / "w45" / "chart-error_rate.png").exists()
