"""Start-up problems said in one line: a DATABASE_URL that cannot work, a database out of reach."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from cli.common import CliError

BACKENDS = ("sqlite", "postgresql", "postgres")
URL_EXAMPLES = "sqlite:////path/to/northstar.db or postgresql://user:password@host/database"
# What goes wrong when a database cannot be opened or reached (caught once, in cli.main).
DATABASE_ERRORS = (OperationalError, DBAPIError)


def _parsed(text: str) -> URL:
    try:
        return make_url(text)
    except ArgumentError as error:
        raise CliError(f"DATABASE_URL is not a database URL; use e.g. {URL_EXAMPLES}") from error


def check_database_url() -> None:
    """Refuse a DATABASE_URL of another database, or a SQLite file in a folder that is missing."""
    text = os.environ.get("DATABASE_URL")
    if not text:
        return
    url = _parsed(text)
    backend = url.get_backend_name()
    if backend not in BACKENDS:
        raise CliError(f"DATABASE_URL: northstar works with SQLite or PostgreSQL, not {backend!r}; "
                       f"use e.g. {URL_EXAMPLES}")
    if backend == "sqlite" and url.database and url.database != ":memory:":
        folder = Path(url.database).expanduser().absolute().parent
        if not folder.is_dir():
            raise CliError(f"DATABASE_URL: the folder {folder} for the SQLite file does not "
                           "exist; create it, or name a file in an existing folder")


def database_failure(error: Exception) -> str:
    """The one line for a database that could not be opened or reached."""
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    where = os.environ.get("DATABASE_URL")
    shown = make_url(where).render_as_string(hide_password=True) if where else "./northstar.db"
    return f"cannot use the database {shown}: {reason}"
