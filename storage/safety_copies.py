"""A copy of a SQLite database taken before a migration changes it.

`storage.migrate.upgrade` calls `copy_before_migration` first. An existing database whose schema
is behind the target is copied (through the backup API) beside its file, or into
NORTHSTAR_BACKUP_DIR when that is set, as `northstar.db.before-0009-20261205T0712Z.bak`: the
database as it was before migration 0009, restorable with `northstar restore`. A new or empty
database, one already at the target, an in-memory one and PostgreSQL get no copy. When the copy
cannot be written the migration does not run.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from storage.backups import (
    BackupFailed,
    backup_sqlite,
    file_revision,
    pending_revisions,
    sqlite_file,
    utc_stamp,
)

log = logging.getLogger(__name__)
BACKUP_DIR_ENV = "NORTHSTAR_BACKUP_DIR"

_skipped: ContextVar[bool] = ContextVar("safety_copy_skipped", default=False)


@contextmanager
def without_safety_copy() -> Iterator[None]:
    """Migrate without a copy first (a restore migrates its own scratch copy)."""
    token = _skipped.set(True)
    try:
        yield
    finally:
        _skipped.reset(token)


def backup_folder() -> Path | None:
    """NORTHSTAR_BACKUP_DIR, when set."""
    folder = os.environ.get(BACKUP_DIR_ENV, "").strip()
    return Path(folder) if folder else None


def copy_before_migration(engine: Engine, target: str = "head") -> Path | None:
    """Copy an existing SQLite database that the upgrade to `target` would change; the copy's
    path, or None when no copy is needed."""
    path = sqlite_file(engine.url) if engine.dialect.name == "sqlite" else None
    if _skipped.get() or path is None or not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        current = file_revision(path)
    except sqlite3.Error:
        return None  # not readable as a database: the migration reports it
    pending = pending_revisions(current, target) if current else []
    if not pending:
        return None
    folder = backup_folder() or path.parent
    copy = folder / f"{path.name}.before-{pending[-1]}-{utc_stamp(datetime.now(UTC))}.bak"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        revision = backup_sqlite(path, copy)
    except OSError as error:
        raise BackupFailed("copy_failed", file=copy, problem=error.strerror or str(error)) from error
    if not pending_revisions(revision, target):  # another process migrated it meanwhile
        copy.unlink(missing_ok=True)
        return None
    log.warning("copied the database at revision %s to %s before migrating it", revision, copy)
    return copy
