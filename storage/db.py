"""Engines and sessions: SQLite by default (WAL, foreign keys on), PostgreSQL via DATABASE_URL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from storage.write_gate import WriteGate

DEFAULT_SQLITE_FILE = "northstar.db"
# How long a writer waits for SQLite's lock: under Slack's 3-second acknowledgement window, so a
# command met by a held lock is still answered ("not saved, try again") instead of timing out.
BUSY_TIMEOUT_MS = 2000
# A commit copies SQLite's write-ahead log into the database file only past this many pages
# (SQLite's default: 1,000, every ~150 entries): a server checkpoints in the background instead
# (storage/checkpoints.py), so no request waits for it; this is the fallback (~40 MB).
AUTOCHECKPOINT_PAGES = 10_000


def default_url() -> str:
    """DATABASE_URL, or a SQLite file in the working directory."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return normalise_url(url)
    return f"sqlite:///{Path.cwd() / DEFAULT_SQLITE_FILE}"


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgres:// and postgresql:// URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
    cursor.close()


def _begin_immediate(connection) -> None:
    """Take SQLite's write lock at the start, so concurrent writers wait instead of failing."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _begin_deferred(connection) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(url: str | None = None, writer: bool = True) -> Engine:
    """An engine for the URL; SQLite gets WAL and foreign keys on every connection, and
    writer engines take the write lock when a transaction begins."""
    url = normalise_url(url or default_url())
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin_immediate if writer else _begin_deferred)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


class Database:
    """An engine with its session factory."""

    def __init__(self, url: str | None = None, engine: Engine | None = None) -> None:
        self.engine = engine or make_engine(url)
        self.url = self.engine.url.render_as_string(hide_password=False)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if self.engine.dialect.name == "sqlite":
            self.read_engine = make_engine(self.url, writer=False)
        else:
            self.read_engine = self.engine
        self._readers = sessionmaker(self.read_engine, expire_on_commit=False)
        self.gate = WriteGate.for_url(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self.gate.write(), self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def bulk_session(self) -> Iterator[Session]:
        """A session for one chunk of a bulk write: on SQLite it starts only when no other
        write runs or waits, and what comes meanwhile waits for this chunk alone."""
        with self.gate.bulk_write(), self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only session: on SQLite it does not take the write lock (WAL readers run
        beside a writer); it never commits, so anything written is discarded on close."""
        with self._readers() as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction on a plain connection, without the ORM's bookkeeping (for the
        short paths a person waits on); committed on success, rolled back on error. Statements
        kept as module constants are compiled once by SQLAlchemy's own cache."""
        with self.gate.write(), self.engine.begin() as connection:
            yield connection

    @contextmanager
    def read_connection(self) -> Iterator[Connection]:
        """A plain connection for reads, beside a writer on SQLite; never commits."""
        with self.read_engine.connect() as connection:
            yield connection

    def upgrade(self) -> None:
        """Bring the schema to the newest migration."""
        from storage.migrate import upgrade

        upgrade(self.engine)

    def upgrade_to(self, revision: str) -> None:
        """Bring the schema to a given revision (tests build old databases with it)."""
        from storage.migrate import upgrade

        upgrade(self.engine, revision)

    def dispose(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()
