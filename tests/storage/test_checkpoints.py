"""SQLite's log is copied into the database file by a background thread, not by commits."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from sqlalchemy import text

from capture.inputs import NoteInput
from storage.checkpoints import WalCheckpointer
from storage.db import AUTOCHECKPOINT_PAGES, Database
from storage.entries import Provenance, insert_entry
from storage.workspaces import ensure_workspace

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _write(db: Database, count: int) -> None:
    with db.session() as session:
        ensure_workspace(session, "T1", NOW)
    for n in range(count):
        with db.transaction() as connection:
            insert_entry(connection, "T1", NoteInput(f"note {n} " + "x" * 400, NOW.date(),
                                                     "context"), Provenance("U1", NOW, "slash"))


def test_commits_leave_the_checkpoint_to_the_background(sqlite_url):
    db = Database(sqlite_url)
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == \
            AUTOCHECKPOINT_PAGES
    _write(db, 400)  # well past SQLite's default of 1,000 pages

    done = WalCheckpointer(db).checkpoint()

    assert done.busy == 0
    assert done.log_pages > 1000  # no commit copied the log back
    assert done.copied_pages == done.log_pages
    db.dispose()


def test_the_thread_checkpoints_while_the_server_writes(sqlite_url):
    db = Database(sqlite_url)
    checkpointer = WalCheckpointer(db, interval=0.05).start()
    try:
        _write(db, 50)
        deadline = time.monotonic() + 10
        while checkpointer.runs < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert checkpointer.runs >= 2
        again = WalCheckpointer(db).checkpoint()
        assert again.copied_pages == again.log_pages  # nothing left behind
    finally:
        checkpointer.stop()
        db.dispose()


def test_postgresql_needs_none(postgres_url):
    db = Database(postgres_url)
    checkpointer = WalCheckpointer(db).start()

    assert checkpointer.checkpoint() is None
    checkpointer.stop()
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar() == 1
    db.dispose()
