"""`backup_database`: a consistent copy of whichever database the URL names, and its file name."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from storage import pg_backups
from storage.backups import BackupFailed, Progress, backup_sqlite, file_revision, sqlite_file, utc_stamp
from storage.db import normalise_url


def is_sqlite(url: str) -> bool:
    return make_url(normalise_url(url)).get_backend_name() == "sqlite"


def check_tools(url: str) -> None:
    """Raise BackupFailed now when the database needs pg_dump and it is not installed."""
    if not is_sqlite(url):
        pg_backups.find_tool("pg_dump")


def current_revision(url: str) -> str:
    """The schema revision of the database at `url` ("empty" when it has none)."""
    url = normalise_url(url)
    if is_sqlite(url):
        path = _sqlite_path(url)
        if not path.is_file():
            raise BackupFailed("no_database", file=path)
        return file_revision(path) or "empty"
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar() or "empty"
    except Exception as error:
        raise BackupFailed("unreachable", problem=str(error).splitlines()[0]) from error
    finally:
        engine.dispose()


def default_name(url: str, revision: str, moment: datetime, prefix: str = "northstar-") -> str:
    """northstar-20261205T0712Z-0008.db (SQLite) or ….dump (a pg_dump archive)."""
    return f"{prefix}{utc_stamp(moment)}-{revision}.{'db' if is_sqlite(url) else 'dump'}"


def backup_database(url: str, target: Path, progress: Progress | None = None) -> None:
    """Write a consistent copy of the database into `target`, which must not exist yet."""
    url = normalise_url(url)
    if target.exists():
        raise BackupFailed("exists", file=target)
    if is_sqlite(url):
        backup_sqlite(_sqlite_path(url), target, progress)
    else:
        pg_backups.dump(url, target, progress)


def _sqlite_path(url: str) -> Path:
    path = sqlite_file(url)
    if path is None:
        raise BackupFailed("in_memory")
    return path
