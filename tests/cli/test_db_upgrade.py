"""`northstar db upgrade`: one line and a non-zero exit when the upgrade is refused."""

from __future__ import annotations

from cli.main import main
from storage.db import Database
from tests.storage import row_filler
from tests.storage.test_upgrade_with_data import EARLIER


def test_a_refused_upgrade_is_one_line_and_exit_1(tmp_path, monkeypatch, capsys):
    path = tmp_path / "northstar.db"
    database = Database(f"sqlite:///{path}")
    database.upgrade_to(EARLIER[-1])
    with database.engine.begin() as connection:
        row_filler.fill(connection)
    raw = database.engine.raw_connection()
    raw.driver_connection.execute("PRAGMA foreign_keys=OFF")
    raw.driver_connection.execute("UPDATE goals SET workspace_id = 'gone'")
    raw.close()
    database.dispose()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    assert main(["db", "upgrade"]) == 1
    err = capsys.readouterr().err
    refusals = [line for line in err.splitlines() if line.startswith("northstar:")]
    assert len(refusals) == 1 and "database not upgraded" in refusals[0] and "goals" in refusals[0]
    assert "Traceback" not in err
