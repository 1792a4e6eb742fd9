"""`northstar import` of exports, `northstar imports` and `northstar import undo`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

import cli.imports
from cli.main import main
from storage.db import Database
from storage.import_tables import ImportedRow

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'northstar.db'}")
    return tmp_path


def run_json(capsys, *args: str):
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_dry_run_json_shows_counts_and_weeks_and_stores_nothing(in_tmp, capsys):
    preview = run_json(capsys, "import", str(FIXTURES / "paypal_de.csv"), "--team", "T1",
                       "--dry-run")

    assert preview["source"] == "paypal" and "import_id" not in preview
    assert (preview["rows"], preview["new"], preview["skipped"]) == (5, 3, {"memo": 1, "pending": 1})
    assert preview["weeks"]["2026-W12"]["revenue"] == "980.00"  # 1190-190 sale, less the 20 refund
    assert preview["weeks"]["2026-W12"]["payment_fees"] == "22.67"
    db = Database(f"sqlite:///{in_tmp / 'northstar.db'}")
    with db.reader() as session:
        assert session.scalar(select(func.count()).select_from(ImportedRow)) == 0
    db.dispose()


def test_import_then_again_then_list_then_undo(in_tmp, capsys):
    first = run_json(capsys, "import", str(FIXTURES / "stripe_balance.csv"), "--team", "T1")
    again = run_json(capsys, "import", str(FIXTURES / "stripe_balance.csv"), "--team", "T1")
    listed = run_json(capsys, "imports", "--team", "T1")

    assert (first["new"], again["new"], again["duplicate"]) == (5, 0, 5)
    assert [row["id"] for row in listed] == [first["import_id"]]
    assert main(["import", "undo", first["import_id"], "--team", "T1"]) == 0
    assert "5" in capsys.readouterr().out
    assert run_json(capsys, "imports", "--team", "T1")[0]["undone_at"] is not None
    assert main(["import", "undo", first["import_id"], "--team", "T1"]) == 2


def test_several_files_give_one_answer_each(in_tmp, capsys):
    answers = run_json(capsys, "import", str(FIXTURES / "camt053_v02.xml"),
                       str(FIXTURES / "mt940.sta"), "--team", "T1")

    assert [answer["source"] for answer in answers] == ["camt053", "mt940"]


@pytest.mark.parametrize(("content", "words"), [
    (b"Datum;Betrag;Text\n01.03.2026;12,00;Kaffee\n", "Datum;Betrag;Text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "bin"),
    ((FIXTURES / "camt053_entities.xml").read_bytes(), "entit"),
])
def test_unreadable_files_exit_non_zero_with_one_line(in_tmp, capsys, content, words):
    (in_tmp / "upload.dat").write_bytes(content)

    assert main(["import", "upload.dat", "--team", "T1"]) == 2

    err = capsys.readouterr().err
    assert words.lower() in err.lower() and err.count("\n") == 1


def test_unknown_layout_says_how_to_bring_the_data(in_tmp, capsys):
    (in_tmp / "bank.csv").write_bytes(b"Datum;Betrag;Text\n01.03.2026;12,00;Kaffee\n")

    assert main(["import", "bank.csv", "--team", "T1"]) == 2

    err = capsys.readouterr().err
    assert "stripe" in err and "date,kind,name,amount" in err


def test_northstar_own_csv_still_imports(in_tmp, capsys):
    (in_tmp / "own.csv").write_text("date,kind,name,amount\n2026-03-02,cost,tools,12.50\n")

    answer = run_json(capsys, "import", "own.csv", "--team", "T1")

    assert (answer["source"], answer["new"]) == ("northstar", 1)


def test_map_and_save_as_then_the_same_header_is_recognised(in_tmp, capsys):
    (in_tmp / "bank.csv").write_bytes(b"Datum;Betrag;Text\n01.03.2026;-12,00;Kaffee\n")
    (in_tmp / "later.csv").write_bytes(b"Datum;Betrag;Text\n02.03.2026;-8,00;Tee\n")

    mapped = run_json(capsys, "import", "bank.csv", "--team", "T1", "--map",
                      "date=Datum,amount=Betrag,description=Text", "--save-as", "meinebank")
    later = run_json(capsys, "import", "later.csv", "--team", "T1")

    assert (mapped["source"], mapped["new"]) == ("meinebank", 1)
    assert (later["source"], later["new"], later["weeks"]["2026-W10"]["costs"]) == (
        "meinebank", 1, "8.00")


def test_save_as_without_map_is_refused(in_tmp, capsys):
    assert main(["import", str(FIXTURES / "n26.csv"), "--save-as", "x", "--team", "T1"]) == 2
    assert "--map" in capsys.readouterr().err


def test_a_big_file_shows_its_progress_on_a_terminal(in_tmp, capsys, monkeypatch):
    lines = ["date,amount,text"] + [f"2026-03-02,-{n}.00,item {n}" for n in range(1, 2501)]
    (in_tmp / "big.csv").write_text("\n".join(lines) + "\n")
    monkeypatch.setattr(cli.imports, "PROGRESS_BYTES", 0)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)

    assert main(["import", "big.csv", "--team", "T1", "--map",
                 "date=date,amount=amount,description=text,date_format=%Y-%m-%d,decimal=."]) == 0

    err = capsys.readouterr().err
    assert "1000" in err and "2000" in err
