"""The retention purge never deletes a reinstallation: one stored before the purge keeps the
workspace, and one stored while the purge runs survives it (the purge is undone)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

import storage.lifecycle
from ritual.deps import Deps
from ritual.lifecycle import purge_expired, uninstalled
from storage.db import Database
from storage.lifecycle import row_counts
from tests.bot.conftest import MovableClock
from tests.ritual.lifecycle_seed import seed_workspace

T0 = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)


@pytest.fixture
def deps(database_url):
    db = Database(database_url)
    with db.session() as session:
        seed_workspace(session, "TBACK", T0)
    deps = Deps(db=db, clock=MovableClock(T0))
    uninstalled(deps, "TBACK", "app_uninstalled")
    deps.clock.advance(days=31)  # the retention period (30 days) is over
    yield deps
    db.dispose()


def reinstall(connection, at: datetime) -> None:
    """What slack_sdk's store writes on a reinstall, before northstar clears the stopped mark."""
    for table in ("slack_installations", "slack_bots"):
        user = ", user_id" if table == "slack_installations" else ""
        connection.execute(text(
            f"INSERT INTO {table} (client_id, app_id, team_id, bot_token, is_enterprise_install, "
            f"installed_at{user}) VALUES ('C1', 'A1', 'TBACK', 'fresh', false, :at"
            f"{', :user' if user else ''})"), {"at": at.replace(tzinfo=None), "user": "U0NEW"})


def fresh_tokens(deps: Deps) -> list[str]:
    with deps.db.reader() as session:
        return sorted(session.scalars(text(
            "SELECT bot_token FROM slack_installations WHERE bot_token = 'fresh' "
            "UNION ALL SELECT bot_token FROM slack_bots WHERE bot_token = 'fresh'")))


def test_a_reinstallation_stored_before_the_purge_keeps_the_workspace(deps):
    with deps.db.session() as session:
        reinstall(session.connection(), deps.now())
    kept = counts = None
    with deps.db.reader() as session:
        kept = row_counts(session, "TBACK")
    assert purge_expired(deps) == []
    with deps.db.reader() as session:
        counts = row_counts(session, "TBACK")
    assert counts == kept and fresh_tokens(deps) == ["fresh", "fresh"]


def test_a_reinstallation_stored_while_the_purge_runs_survives_it(deps, monkeypatch):
    if deps.db.engine.dialect.name == "sqlite":
        pytest.skip("SQLite: the purge holds the only write lock; no install can come between")
    scoped_tables = storage.lifecycle.scoped_tables

    def reinstalled_meanwhile(connection):
        with deps.db.engine.begin() as other:  # another process, committed at once
            reinstall(other, deps.now() + timedelta(seconds=1))
        return scoped_tables(connection)

    monkeypatch.setattr(storage.lifecycle, "scoped_tables", reinstalled_meanwhile)
    assert purge_expired(deps) == []
    assert fresh_tokens(deps) == ["fresh", "fresh"]
