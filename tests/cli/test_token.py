"""`northstar token [--team T]`: a new ingestion token on stdout, the old one stops working."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

from cli.main import main
from storage.db import Database
from storage.models import Workspace
from storage.workspaces import workspace_for_token

CREATED = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture
def database(sqlite_url, monkeypatch) -> Database:
    for name in [key for key in os.environ if key.startswith(("SLACK_", "NORTHSTAR_"))]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    db = Database(sqlite_url)
    yield db
    db.dispose()


def add_workspaces(db: Database, *teams: str) -> None:
    with db.session() as session:
        for team in teams:
            session.add(Workspace(id=team, created_at=CREATED))


def owner_of(db: Database, token: str) -> str | None:
    with db.reader() as session:
        workspace = workspace_for_token(session, token)
        return workspace.id if workspace else None


def test_the_only_workspace_gets_a_token_and_a_new_one_replaces_it(database, capsys):
    add_workspaces(database, "T0SHOP")
    assert main(["token"]) == 0
    first = capsys.readouterr()
    token = first.out.strip()
    assert token.startswith("nst_") and first.out.count("\n") == 1
    assert "T0SHOP" in first.err and "Authorization: Bearer" in first.err
    assert owner_of(database, token) == "T0SHOP"
    assert main(["token", "--team", "T0SHOP"]) == 0
    second = capsys.readouterr().out.strip()
    assert second != token and owner_of(database, second) == "T0SHOP"
    assert owner_of(database, token) is None


def test_with_several_workspaces_the_team_is_asked_for(database, capsys):
    add_workspaces(database, "T0SHOP", "T0CAFE")
    assert main(["token"]) == 2
    assert "--team" in capsys.readouterr().err
    assert main(["token", "--team", "T0CAFE"]) == 0
    assert owner_of(database, capsys.readouterr().out.strip()) == "T0CAFE"


def test_an_unknown_team_gets_no_token_and_no_workspace(database, capsys):
    add_workspaces(database, "T0SHOP")
    assert main(["token", "--team", "T0TYPO"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "no workspace 'T0TYPO'" in captured.err
    with database.reader() as session:
        assert session.get(Workspace, "T0TYPO") is None
