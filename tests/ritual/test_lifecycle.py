"""Uninstall, retention and deletion of a workspace, without Slack: the clock is moved."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ritual.deps import Deps
from ritual.lifecycle import (
    UnknownWorkspace,
    planned_purge,
    purge_expired,
    purge_now,
    reinstated,
    stopped_since,
    uninstalled,
)
from ritual.workspace_settings import SettingsRejected, change_settings
from storage.db import Database
from storage.lifecycle import row_counts, scoped_tables
from storage.models import Workspace
from tests.bot.conftest import MovableClock
from tests.ritual.lifecycle_seed import SEEDED_TABLES, seed_workspace
from texts import say

T0 = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)


@pytest.fixture
def deps(database_url):
    db = Database(database_url)
    clock = MovableClock(T0)
    with db.session() as session:
        seed_workspace(session, "TGONE", T0)
        seed_workspace(session, "TSTAYS", T0)
    yield Deps(db=db, clock=clock)
    db.dispose()


def counts(deps: Deps, team: str) -> dict[str, int]:
    with deps.db.reader() as session:
        return row_counts(session, team)


def test_every_table_with_workspace_rows_is_seeded(deps):
    """A new table holding workspace rows must be seeded in lifecycle_seed, so the purge tests
    below prove it is emptied too."""
    with deps.db.reader() as session:
        tables = {table.name for table, _ in scoped_tables(session.connection())}
    assert tables == SEEDED_TABLES, f"seed a row of {tables - SEEDED_TABLES} in lifecycle_seed"


def test_purge_empties_every_table_for_that_workspace_and_no_other(deps):
    other = counts(deps, "TSTAYS")
    before = counts(deps, "TGONE")
    assert all(before.values()), before
    assert planned_purge(deps, "TGONE") == before
    assert purge_now(deps, "TGONE") == before
    assert set(counts(deps, "TGONE").values()) == {0}
    assert counts(deps, "TSTAYS") == other
    with pytest.raises(UnknownWorkspace):
        purge_now(deps, "TGONE")


def test_data_is_kept_for_the_retention_period_then_deleted(deps):
    kept = counts(deps, "TGONE")
    assert uninstalled(deps, "TGONE", "app_uninstalled")
    deps.clock.advance(days=30, seconds=-1)
    assert purge_expired(deps) == []
    assert counts(deps, "TGONE") == kept
    deps.clock.advance(seconds=1)
    assert purge_expired(deps) == ["TGONE"]
    assert set(counts(deps, "TGONE").values()) == {0}
    assert all(counts(deps, "TSTAYS").values())
    assert purge_expired(deps) == []


def test_a_second_stop_keeps_the_first_time(deps):
    assert uninstalled(deps, "TGONE", "app_uninstalled")
    deps.clock.advance(days=3)
    assert not uninstalled(deps, "TGONE", "tokens_revoked")
    with deps.db.reader() as session:
        workspace = session.get(Workspace, "TGONE")
        assert (workspace.uninstalled_at, workspace.uninstall_reason) == (T0, "app_uninstalled")


def test_unknown_team_is_not_created_by_an_uninstall(deps):
    assert not uninstalled(deps, "TNEVER", "app_uninstalled")
    with deps.db.reader() as session:
        assert session.get(Workspace, "TNEVER") is None


def test_reinstall_within_the_retention_period_keeps_everything(deps):
    kept = counts(deps, "TGONE")
    uninstalled(deps, "TGONE", "tokens_revoked")
    deps.clock.advance(days=29)
    assert reinstated(deps, "TGONE")
    assert stopped_since(deps, "TGONE") is None
    assert not reinstated(deps, "TGONE")
    deps.clock.advance(days=60)
    assert purge_expired(deps) == []
    assert counts(deps, "TGONE") == kept


def test_retention_days_is_a_setting(deps):
    change_settings(deps, "TGONE", {"retention_days": ["7"]})
    uninstalled(deps, "TGONE", "app_uninstalled")
    deps.clock.advance(days=7)
    assert purge_expired(deps) == ["TGONE"]


def test_retention_zero_deletes_on_the_next_run(deps):
    change_settings(deps, "TGONE", {"retention_days": ["0"]})
    uninstalled(deps, "TGONE", "app_uninstalled")
    assert purge_expired(deps) == ["TGONE"]


@pytest.mark.parametrize("value", ["-1", "3651", "30.5", "dreißig", "²"])
@pytest.mark.parametrize(("lang", "words"), [("de", "ganze Zahl"), ("en", "whole number")])
def test_bad_retention_days_are_refused_in_both_languages(deps, value, lang, words):
    with pytest.raises(SettingsRejected) as refused:
        change_settings(deps, "TGONE", {"retention_days": [value]})
    assert words in say(refused.value.errors["retention_days"], lang)
    with deps.db.reader() as session:
        assert session.get(Workspace, "TGONE").retention_days == 30
