"""`northstar purge --team T`: shows what it would delete, deletes only with --yes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cli.main import main
from storage.db import Database
from storage.lifecycle import row_counts
from tests.ritual.lifecycle_seed import seed_workspace

NOW = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)


@pytest.fixture
def db(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    database = Database(database_url)
    with database.session() as session:
        seed_workspace(session, "TGONE", NOW)
        seed_workspace(session, "TSTAYS", NOW)
    yield database
    database.dispose()


def counts(db: Database, team: str) -> dict[str, int]:
    with db.reader() as session:
        return row_counts(session, team)


def test_without_yes_it_lists_what_would_go_and_deletes_nothing(db, capsys):
    before = counts(db, "TGONE")
    assert main(["purge", "--team", "TGONE"]) == 3
    out = capsys.readouterr().out
    assert "would delete" in out and "--yes" in out
    assert all(name in out for name in before)
    assert counts(db, "TGONE") == before


def test_with_yes_every_row_of_that_workspace_goes_and_only_those(db, capsys):
    other = counts(db, "TSTAYS")
    assert main(["purge", "--team", "TGONE", "--yes"]) == 0
    assert "deleted every row of workspace TGONE" in capsys.readouterr().out
    assert set(counts(db, "TGONE").values()) == {0}
    assert counts(db, "TSTAYS") == other


def test_an_unknown_team_is_a_clear_error(db, capsys):
    other = counts(db, "TSTAYS")
    assert main(["purge", "--team", "TNOPE", "--yes"]) == 1
    assert "no workspace 'TNOPE'" in capsys.readouterr().err
    assert counts(db, "TSTAYS") == other
