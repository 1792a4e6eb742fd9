"""`northstar import --team T…` with a team id that is not stored: a workspace appears only
when rows are stored; otherwise one line names the known team ids and nothing is created."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cli.main import main
from storage.db import Database
from storage.models import Workspace


@pytest.fixture
def known(tmp_path, monkeypatch) -> Database:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'northstar.db'}")
    db = Database(f"sqlite:///{tmp_path / 'northstar.db'}")
    db.upgrade()
    with db.session() as session:
        session.add_all([Workspace(id="T0SHOP", created_at=datetime(2026, 11, 1, tzinfo=UTC)),
                         Workspace(id="T0CAFE", created_at=datetime(2026, 11, 1, tzinfo=UTC))])
    yield db
    db.dispose()


def teams(db: Database) -> list[str]:
    with db.reader() as session:
        return sorted(w.id for w in session.query(Workspace))


@pytest.mark.parametrize("content", [
    "date;kind;name;amount\n",                                      # no rows at all
    "date;kind;name;amount\n31.02.2026;cost;tools;5\n",            # only a bad row
])
def test_a_mistyped_team_with_nothing_to_store_creates_nothing(known, tmp_path, capsys, content):
    (tmp_path / "in.csv").write_text(content)
    assert main(["import", "in.csv", "--team", "T0SHPO"]) == 2
    err = capsys.readouterr().err
    assert "T0SHPO" in err and "known: T0CAFE, T0SHOP" in err
    assert teams(known) == ["T0CAFE", "T0SHOP"]


def test_rows_for_a_new_team_create_it_in_the_same_transaction(known, tmp_path, capsys):
    (tmp_path / "in.csv").write_text("date;kind;name;amount\n20.11.2026;cost;tools;12,50\n")
    assert main(["import", "in.csv", "--team", "T0NEW"]) == 0
    assert "imported into T0NEW: 1 new entries" in capsys.readouterr().out
    assert teams(known) == ["T0CAFE", "T0NEW", "T0SHOP"]


def test_an_empty_file_for_a_known_team_is_fine(known, tmp_path, capsys):
    (tmp_path / "in.csv").write_text("date;kind;name;amount\n")
    assert main(["import", "in.csv", "--team", "T0SHOP"]) == 0
    assert teams(known) == ["T0CAFE", "T0SHOP"]
