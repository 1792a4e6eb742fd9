"""`northstar demo` keeps to its own database file and marks its workspace as the demo."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from cli.main import main
from storage.db import Database
from storage.models import Workspace
from storage.sample_business import DEMO_TEAM


def digest_of(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("database_url_set", [False, True],
                         ids=["default database", "DATABASE_URL"])
def test_the_demo_leaves_the_bots_database_untouched(tmp_path, monkeypatch, capsys,
                                                     database_url_set):
    monkeypatch.chdir(tmp_path)
    bot_db_path = tmp_path / "northstar.db"
    bot_db = Database(f"sqlite:///{bot_db_path}")
    bot_db.upgrade()
    with bot_db.session() as session:
        session.add(Workspace(id="T0REAL", kpi_channel="C0REAL", created_at=datetime.now(UTC)))
    bot_db.dispose()
    before = digest_of(bot_db_path)
    if database_url_set:
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{bot_db_path}")
    else:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(["demo"]) == 0
    assert "northstar-demo/demo.db" in capsys.readouterr().out
    assert digest_of(bot_db_path) == before
    assert not (tmp_path / "northstar.db-wal").exists()
    demo_db = Database(f"sqlite:///{tmp_path / 'northstar-demo' / 'demo.db'}")
    with demo_db.reader() as session:
        assert [w.id for w in session.query(Workspace)] == [DEMO_TEAM]
        assert session.get(Workspace, DEMO_TEAM).demo is True
    demo_db.dispose()


def test_the_demo_uses_the_folder_it_is_given(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(["demo", "--out", "elsewhere/sample"]) == 0
    assert (tmp_path / "elsewhere" / "sample" / "demo.db").exists()
    assert (tmp_path / "elsewhere" / "sample" / "digest.txt").exists()
    assert not (tmp_path / "northstar.db").exists()


def test_a_folder_that_cannot_be_made_is_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-file").write_text("not a folder")
    assert main(["demo", "--out", "a-file/demo"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("northstar: cannot create the demo folder a-file/demo") and err.count("\n") == 1
