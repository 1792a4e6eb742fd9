"""Put a backup back: checked, restored into a scratch copy, migrated to head, then swapped in.

Every check and the migration run on the scratch copy, so a backup that fails any of them leaves
the database as it was. SQLite: the migrated copy replaces the file by one atomic rename, taken
under an exclusive lock that is only granted when no other process has the database open (the
bot must be stopped: a running process would keep writing to the replaced file). PostgreSQL: a
backup older than this code is restored into a scratch database (CREATE DATABASE) and migrated
there; `pg_restore --clean --if-exists --single-transaction` then replaces the tables in one
transaction, which a failure rolls back.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from storage import pg_backups
from storage.backups import (
    NORTHSTAR_TABLES,
    BackupFailed,
    check_backup_file,
    copy_sqlite,
    head_revision,
    is_known_revision,
    open_read_only,
    readable_start,
    sqlite_file,
)
from storage.db import make_engine, normalise_url
from storage.migrate import upgrade
from storage.safety_copies import without_safety_copy

LOCK_TIMEOUT_S = 1.0


@dataclass(frozen=True)
class Restored:
    """The revision the backup was made at, and the one the database is at now."""

    revision: str
    head: str


def restore(url: str, backup: Path) -> Restored:
    """Replace the database at `url` with the backup; raises BackupFailed, changing nothing."""
    url = normalise_url(url)
    if make_url(url).get_backend_name() == "sqlite":
        live = sqlite_file(url)
        if live is None:
            raise BackupFailed("in_memory")
        return _restore_sqlite(live, backup)
    return _restore_postgres(url, backup)


def _migrate(engine_url: str) -> None:
    engine = make_engine(engine_url)
    try:
        with without_safety_copy():
            upgrade(engine)
    except BackupFailed:
        raise
    except Exception as error:
        raise BackupFailed("migration_failed", problem=str(error).splitlines()[0]) from error
    finally:
        engine.dispose()


def _restore_sqlite(live: Path, backup: Path) -> Restored:
    revision = check_backup_file(backup)
    staged = live.with_name(f".{live.name}.restoring-{os.getpid()}")
    try:
        source = open_read_only(backup)
        try:
            copy_sqlite(source, staged)
        finally:
            source.close()
        if revision != head_revision():
            _migrate(f"sqlite:///{staged}")
        _leave_wal(staged)
        _same_owner_and_mode(staged, live)
        _swap_in(staged, live)
    except sqlite3.Error as error:
        raise BackupFailed("copy_failed", file=staged, problem=str(error)) from error
    except OSError as error:
        raise BackupFailed("copy_failed", file=staged, problem=error.strerror or str(error)) from error
    finally:
        for leftover in (staged, Path(f"{staged}-wal"), Path(f"{staged}-shm")):
            leftover.unlink(missing_ok=True)
    return Restored(revision, head_revision())


def _same_owner_and_mode(staged: Path, live: Path) -> None:
    """Give the restored file the database's permissions and (when allowed) its owner, so that
    a restore run as root leaves a file the bot's user can still write."""
    if not live.exists():
        return
    status = live.stat()
    os.chmod(staged, status.st_mode & 0o777)
    if (status.st_uid, status.st_gid) != (os.getuid(), os.getgid()):
        with suppress(PermissionError):  # not root: the file stays ours
            os.chown(staged, status.st_uid, status.st_gid)


def _leave_wal(path: Path) -> None:
    """Fold the migrated copy's log into its file, so that the file alone is the database."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()


def _swap_in(staged: Path, live: Path) -> None:
    """Rename the staged copy over the live file while holding it exclusively."""
    if not live.exists():
        os.replace(staged, live)
        return
    guard = sqlite3.connect(live, timeout=LOCK_TIMEOUT_S, isolation_level=None)
    try:
        try:
            mode = guard.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            guard.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError as error:
            raise BackupFailed("in_use", file=live) from error
        if mode != "delete":
            raise BackupFailed("in_use", file=live)
        os.replace(staged, live)
    finally:
        guard.close()


def _check_archive(backup: Path) -> str:
    """The revision of a pg_dump archive of a northstar database; raises BackupFailed."""
    if not readable_start(backup, pg_backups.ARCHIVE_MAGIC):
        raise BackupFailed("not_a_backup", file=backup)
    try:
        tables = pg_backups.archive_tables(backup)
        revision = pg_backups.archive_revision(backup) if tables >= NORTHSTAR_TABLES else None
    except BackupFailed as error:
        if error.reason != "tool_failed":
            raise
        raise BackupFailed("damaged", file=backup, problem=error.details["problem"]) from error
    if revision is None:
        raise BackupFailed("not_a_backup", file=backup)
    if not is_known_revision(revision):
        raise BackupFailed("too_new", file=backup, revision=revision, head=head_revision())
    return revision


def _restore_postgres(url: str, backup: Path) -> Restored:
    pg_backups.find_tool("pg_restore")
    revision = _check_archive(backup)
    if revision == head_revision():  # nothing to migrate: one transaction restores all or nothing
        _pg_step("restore_failed", pg_backups.restore, url, backup)
        return Restored(revision, revision)
    with tempfile.TemporaryDirectory(prefix="northstar-restore-") as folder:
        archive = Path(folder) / "migrated.dump"
        with _scratch_database(url) as scratch:
            _pg_step("damaged", pg_backups.restore, scratch, backup, file=backup)
            _migrate(scratch)
            pg_backups.dump(scratch, archive)
        _pg_step("restore_failed", pg_backups.restore, url, archive)
    return Restored(revision, head_revision())


def _pg_step(reason: str, step, *arguments, **details) -> None:
    """Run a pg_restore step; its failure becomes `reason` (one transaction: nothing restored)."""
    try:
        step(*arguments)
    except BackupFailed as error:
        if error.reason != "tool_failed":
            raise
        raise BackupFailed(reason, problem=error.details["problem"], **details) from error


@contextmanager
def _scratch_database(url: str) -> Iterator[str]:
    """The URL of a new, empty database on the same server, dropped afterwards."""
    live = make_url(url)
    name = f"{live.database or 'northstar'}"[:40] + f"_restore_{uuid.uuid4().hex[:8]}"
    admin = create_engine(live, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        admin.dispose()
        raise BackupFailed("no_scratch_database", problem=str(error).splitlines()[0]) from error
    try:
        yield live.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()
