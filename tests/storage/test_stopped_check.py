"""The stopped-workspace check every Slack request makes."""

from __future__ import annotations

from datetime import UTC, datetime

from storage.db import Database
from storage.lifecycle import is_stopped, mark_uninstalled
from storage.workspaces import ensure_workspace

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def test_a_workspace_is_stopped_only_once_uninstalled(database_url):
    db = Database(database_url)
    with db.session() as session:
        ensure_workspace(session, "TIN", NOW)
        ensure_workspace(session, "TOUT", NOW)
        mark_uninstalled(session, "TOUT", NOW, "app_uninstalled")

    assert is_stopped(db, "TOUT")
    assert not is_stopped(db, "TIN")
    assert not is_stopped(db, "TNEVER")  # never stored: nothing to stop
    db.dispose()


def test_the_stopped_check_sees_what_was_committed_since(database_url):
    db = Database(database_url)
    assert not is_stopped(db, "TLATER")
    with db.session() as session:
        ensure_workspace(session, "TLATER", NOW)
        mark_uninstalled(session, "TLATER", NOW, "tokens_revoked")

    assert is_stopped(db, "TLATER")  # the pooled connection kept no old snapshot
    db.dispose()
