"""Consistent copies of a SQLite database (its online backup API) and what a copy holds.

The backup API copies page by page through a read transaction: with the write-ahead log, the bot
keeps writing meanwhile and the copy is the database as of one moment. A copy is written under a
temporary name and renamed when complete, so a file with a final name is always whole; it leaves
the log behind (journal mode DELETE), so it is one self-contained file.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL, make_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables every northstar database has had since the first revision.
NORTHSTAR_TABLES = frozenset({"alembic_version", "workspaces", "entries"})
BUSY_TIMEOUT_S = 5.0
STEP_PAGES = 1024  # pages per step when progress is shown (4 MiB with 4 KiB pages)
MAX_RESTARTS = 3

# (done, in all or 0 when not known beforehand, unit): pages copied, or tables dumped by pg_dump
Progress = Callable[[int, int, str], None]


class BackupFailed(Exception):
    """A backup or restore that stopped without changing the database.

    `reason` is a code the command line puts into words; `details` fill them in.
    """

    def __init__(self, reason: str, **details: object) -> None:
        super().__init__(reason, details)
        self.reason = reason
        self.details = details


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS))


def head_revision() -> str:
    """The newest schema revision this code knows."""
    return _script().get_current_head()


def is_known_revision(revision: str) -> bool:
    """Whether this code has the migration that made `revision`."""
    return any(script.revision == revision for script in _script().walk_revisions())


def pending_revisions(current: str, target: str = "head") -> list[str]:
    """The revisions an upgrade from `current` to `target` applies (empty when none or unknown)."""
    target = head_revision() if target == "head" else target
    if not (is_known_revision(current) and is_known_revision(target)):
        return []
    try:
        return [script.revision for script in _script().iterate_revisions(target, current)]
    except Exception:  # a downgrade target, or revisions on different branches
        return []


def utc_stamp(moment: datetime) -> str:
    """A moment as it appears in file names: 20261205T0712Z."""
    return moment.strftime("%Y%m%dT%H%MZ")


def sqlite_file(url: str | URL) -> Path | None:
    """The file behind a SQLite URL; None for an in-memory database or another dialect."""
    url = make_url(url) if isinstance(url, str) else url
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:") \
            or url.query.get("mode") == "memory":
        return None
    return Path(database).resolve()


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to a SQLite file (never creates it)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)


def readable_start(path: Path, magic: bytes) -> bool:
    """Whether the file starts with `magic`; raises BackupFailed when it is missing or unreadable."""
    if not path.is_file():
        raise BackupFailed("no_file", file=path)
    try:
        with open(path, "rb") as handle:
            return handle.read(len(magic)) == magic
    except OSError as error:
        raise BackupFailed("unreadable", file=path, problem=error.strerror or str(error)) from error


def revision_of(connection: sqlite3.Connection) -> str | None:
    """The schema revision stored in a SQLite database; None when it has none."""
    tables = table_names(connection)
    if "alembic_version" not in tables:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def table_names(connection: sqlite3.Connection) -> set[str]:
    """The names of the tables in a SQLite database."""
    return {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def file_revision(path: Path) -> str | None:
    """The schema revision of a SQLite file; None when it has none (or is empty)."""
    connection = open_read_only(path)
    try:
        return revision_of(connection)
    finally:
        connection.close()


def check_backup_file(path: Path) -> str:
    """The revision of a SQLite northstar backup; raises BackupFailed when it is not one, is
    damaged, or comes from a newer northstar."""
    if not readable_start(path, SQLITE_MAGIC):
        raise BackupFailed("not_a_backup", file=path)
    try:
        connection = open_read_only(path)
        try:
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            tables = table_names(connection)
            revision = revision_of(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupFailed("damaged", file=path, problem=str(error)) from error
    if problems != ["ok"]:
        raise BackupFailed("damaged", file=path, problem=problems[0])
    if not tables >= NORTHSTAR_TABLES or revision is None:
        raise BackupFailed("not_a_backup", file=path)
    if not is_known_revision(revision):
        raise BackupFailed("too_new", file=path, revision=revision, head=head_revision())
    return revision


def partial_name(target: Path) -> Path:
    """Where a copy is written before it is complete (unique per call)."""
    return target.with_name(f".{target.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.partial")


class _TooBusy(Exception):
    """Writers restarted a stepped copy too often."""


def _copy_in_steps(source: sqlite3.Connection, destination: sqlite3.Connection,
                   progress: Progress) -> None:
    """Copy STEP_PAGES at a time, reporting each step. A write by another connection restarts
    the copy; after MAX_RESTARTS the rest is copied in one step (one read snapshot, which the
    writers cannot restart), so that a busy bot never keeps the copy from finishing."""
    seen = {"left": None, "restarts": 0}

    def report(_status: int, left: int, total: int) -> None:
        if seen["left"] is not None and left > seen["left"]:
            seen["restarts"] += 1
            if seen["restarts"] > MAX_RESTARTS:
                raise _TooBusy
        seen["left"] = left
        progress(total - left, total, "pages")

    try:
        source.backup(destination, pages=STEP_PAGES, progress=report)
    except _TooBusy:
        source.backup(destination)
        total = destination.execute("PRAGMA page_count").fetchone()[0]
        progress(total, total, "pages")


def copy_sqlite(source: sqlite3.Connection, target: Path, progress: Progress | None = None) -> None:
    """Copy a database into `target` (created or replaced whole) through the backup API."""
    partial = partial_name(target)
    try:
        destination = sqlite3.connect(partial)
        try:
            if progress is None:
                source.backup(destination)
            else:
                _copy_in_steps(source, destination, progress)
            destination.execute("PRAGMA journal_mode=DELETE")
        finally:
            destination.close()
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def open_live(path: Path) -> sqlite3.Connection:
    """A connection to a database that must exist (a missing file is not created)."""
    if not path.is_file():
        raise BackupFailed("no_database", file=path)
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    connection.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    return connection


def backup_sqlite(path: Path, target: Path, progress: Progress | None = None) -> str:
    """A consistent copy of the database file at `path` into `target`; its revision."""
    source = open_live(path)
    try:
        copy_sqlite(source, target, progress)
    except sqlite3.Error as error:
        raise BackupFailed("copy_failed", file=target, problem=str(error)) from error
    except OSError as error:
        raise BackupFailed("copy_failed", file=target, problem=error.strerror or str(error)) from error
    finally:
        source.close()
    return file_revision(target) or "empty"
