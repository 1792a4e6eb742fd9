"""Backup and restore on SQLite and PostgreSQL: every row comes back, and a file that is not a
whole northstar backup this code understands is refused with the database left as it was."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from storage.backups import BackupFailed, head_revision
from storage.database_backup import backup_database, current_revision
from storage.db import Database
from storage.restore import restore
from tests.backup_data import (
    OLD_REVISION,
    change_rows,
    count,
    execute,
    fill_empty_tables,
    fingerprint,
    old_database,
    seed_demo,
)

pytestmark = pytest.mark.postgres


@pytest.fixture
def seeded(database_url) -> str:
    """A database with one row in every table."""
    fill_empty_tables(database_url)
    return database_url


@pytest.fixture
def demo(database_url) -> str:
    """The demo business: 26 weeks of entries, and a row in every other table."""
    seed_demo(database_url)
    return database_url


@pytest.fixture
def empty_sibling(database_url, tmp_path) -> Iterator[str]:
    """An empty database of the same kind (and server) as `database_url`."""
    if database_url.startswith("sqlite"):
        (tmp_path / "old").mkdir()
        yield f"sqlite:///{tmp_path / 'old' / 'northstar.db'}"
        return
    live = make_url(database_url)
    name = f"old_{uuid.uuid4().hex[:12]}"
    admin = create_engine(live, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield live.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _backup(url: str, folder: Path) -> Path:
    target = folder / ("backup.db" if url.startswith("sqlite") else "backup.dump")
    backup_database(url, target)
    return target


def test_backup_then_restore_gives_back_every_row(demo, tmp_path):
    before = fingerprint(demo)
    backup = _backup(demo, tmp_path)
    change_rows(demo)
    assert fingerprint(demo) != before

    restored = restore(demo, backup)

    assert fingerprint(demo) == before
    assert before["entries"][0] > 1000
    assert all(rows for rows, _checksum in before.values()), before
    assert (restored.revision, restored.head) == (head_revision(), head_revision())


def test_a_backup_does_not_overwrite_a_file(seeded, tmp_path):
    (tmp_path / "taken").write_text("mine")
    with pytest.raises(BackupFailed) as refused:
        backup_database(seeded, tmp_path / "taken")
    assert refused.value.reason == "exists"
    assert (tmp_path / "taken").read_text() == "mine"


@pytest.mark.parametrize("content", [b"date,kind,amount\n2026-11-02,cost,12\n", b"",
                                     b"SQLite format 3\x00" + bytes(200)])
def test_a_file_that_is_not_a_backup_is_refused(seeded, tmp_path, content):
    before = fingerprint(seeded)
    stranger = tmp_path / "stranger.bin"
    stranger.write_bytes(content)
    with pytest.raises(BackupFailed) as refused:
        restore(seeded, stranger)
    assert refused.value.reason in ("not_a_backup", "damaged")
    assert fingerprint(seeded) == before


def test_a_sqlite_database_of_another_program_is_refused(sqlite_url, tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    before = fingerprint(sqlite_url)
    with pytest.raises(BackupFailed) as refused:
        restore(sqlite_url, other)
    assert refused.value.reason == "not_a_backup"
    assert fingerprint(sqlite_url) == before


def test_a_truncated_backup_is_refused(demo, tmp_path):
    backup = _backup(demo, tmp_path)
    data = backup.read_bytes()
    backup.write_bytes(data[: len(data) * 2 // 3])
    change_rows(demo)
    before = fingerprint(demo)
    with pytest.raises(BackupFailed) as refused:
        restore(demo, backup)
    assert refused.value.reason in ("damaged", "restore_failed")
    assert fingerprint(demo) == before


def test_a_backup_from_a_newer_northstar_is_refused(seeded, tmp_path):
    execute(seeded, "UPDATE alembic_version SET version_num = '9999_from_the_future'")
    backup = _backup(seeded, tmp_path)
    execute(seeded, f"UPDATE alembic_version SET version_num = '{head_revision()}'")
    before = fingerprint(seeded)
    with pytest.raises(BackupFailed) as refused:
        restore(seeded, backup)
    assert refused.value.reason == "too_new"
    assert refused.value.details["revision"] == "9999_from_the_future"
    assert fingerprint(seeded) == before


def test_a_backup_of_an_older_version_is_migrated_on_restore(seeded, empty_sibling, tmp_path):
    old_database(empty_sibling, entries=3)
    backup = _backup(empty_sibling, tmp_path)

    restored = restore(seeded, backup)

    assert (restored.revision, restored.head) == (OLD_REVISION, head_revision())
    assert current_revision(seeded) == head_revision()
    assert count(seeded, "entries") == 3
    assert count(seeded, "workspaces") == 1
    assert not list(tmp_path.parent.glob(f"{tmp_path.name}/*.bak"))  # restore makes no safety copy


def test_sqlite_restore_refuses_while_the_database_is_open(sqlite_url, tmp_path):
    fill_empty_tables(sqlite_url)
    backup = _backup(sqlite_url, tmp_path)
    change_rows(sqlite_url)
    before = fingerprint(sqlite_url)
    running = Database(sqlite_url)
    try:
        with running.reader() as session:
            session.execute(text("SELECT 1"))
            with pytest.raises(BackupFailed) as refused:
                restore(sqlite_url, backup)
    finally:
        running.dispose()
    assert refused.value.reason == "in_use"
    assert fingerprint(sqlite_url) == before


def test_restore_into_a_missing_sqlite_file_creates_it(sqlite_url, tmp_path):
    fill_empty_tables(sqlite_url)
    backup = _backup(sqlite_url, tmp_path)
    fresh = f"sqlite:///{tmp_path / 'new' / 'northstar.db'}"
    (tmp_path / "new").mkdir()
    restore(fresh, backup)
    assert fingerprint(fresh) == fingerprint(sqlite_url)


def test_an_in_memory_database_is_refused(tmp_path):
    with pytest.raises(BackupFailed) as refused:
        backup_database("sqlite://", tmp_path / "memory.db")
    assert refused.value.reason == "in_memory"


def test_a_sqlite_backup_is_consistent_while_the_bot_writes(sqlite_url, tmp_path, monkeypatch):
    from storage import backups

    seed_demo(sqlite_url)
    monkeypatch.setattr(backups, "STEP_PAGES", 4)  # many steps, so that writes restart the copy
    writer = Database(sqlite_url)
    stop = threading.Event()

    def write() -> None:
        while not stop.is_set():
            with writer.transaction() as connection:
                connection.execute(text(
                    "INSERT INTO entries (workspace_id, kind, occurred_on, quantity, metric, entered_at, "
                    "source) SELECT id, 'metric', '2026-11-30', 1, 'leads', created_at, 'api' "
                    "FROM workspaces LIMIT 1"))

    thread = threading.Thread(target=write)
    before = count(sqlite_url, "entries")
    thread.start()
    shown: list[tuple[int, int]] = []

    def show(done: int, total: int, _unit: str) -> None:
        shown.append((done, total))
        time.sleep(0.005)  # a slow terminal: the writer commits between the steps

    try:
        while count(sqlite_url, "entries") == before:
            time.sleep(0.01)
        backups.backup_sqlite(backups.sqlite_file(sqlite_url), tmp_path / "busy.db", show)
    finally:
        stop.set()
        thread.join()
        writer.dispose()
    assert backups.check_backup_file(tmp_path / "busy.db") == head_revision()
    assert before < count(f"sqlite:///{tmp_path / 'busy.db'}", "entries") < count(sqlite_url, "entries")
    left = [total - done for done, total in shown]
    restarts = sum(1 for now, later in zip(left, left[1:], strict=False) if later > now)
    assert restarts > 0  # the writes did restart the stepped copy, and it still finished
    assert shown[-1][0] == shown[-1][1]


def test_a_restore_into_a_missing_folder_is_refused(sqlite_url, tmp_path):
    backup = _backup(sqlite_url, tmp_path)
    with pytest.raises(BackupFailed) as refused:
        restore(f"sqlite:///{tmp_path / 'no-such-folder' / 'northstar.db'}", backup)
    assert refused.value.reason == "copy_failed"


@pytest.mark.skipif(os.getuid() != 0, reason="changing a file's owner needs root")
def test_the_restored_file_keeps_the_owner_and_mode_of_the_database(sqlite_url, tmp_path):
    live = Path(make_url(sqlite_url).database)
    backup = _backup(sqlite_url, tmp_path)
    os.chown(live, 65534, 65534)
    os.chmod(live, 0o640)
    restore(sqlite_url, backup)
    status = live.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o777) == (65534, 65534, 0o640)
