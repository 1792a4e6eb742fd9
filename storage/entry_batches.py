"""Storing a batch of entries with external ids, each id at most once, in short transactions.

PostgreSQL gets a COPY into a temporary staging table and one
`INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING` that empties it (in batch order, so ids
follow the batch as before); SQLite multi-row `INSERT … ON CONFLICT DO NOTHING RETURNING`
statements, batched by SQLAlchemy. A batch that fails as a whole (a row the database refuses)
is retried row by row, so the other rows are still stored. `add_in_chunks` stores a long batch
in chunks, each in its own transaction: on SQLite (one write lock for the whole database) of
100 entries, yielding to other writes (storage/write_gate.py), so no writer waits for a whole
batch; on PostgreSQL, which locks only the new rows, of 1,000 (an ingestion request's most),
as ten transactions cost it 75% more time per batch.
"""

from __future__ import annotations

from sqlalchemy import Connection
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from capture.inputs import AnyInput
from storage.db import Database
from storage.entries import Provenance, add_unless_known, entry_values
from storage.models import Entry

SQLITE_CHUNK = 100  # entries per transaction: a few milliseconds of the write lock
POSTGRES_CHUNK = 1000
COLUMNS = ("workspace_id", "kind", "occurred_on", "quantity", "category", "cost_class", "every",
           "activity", "metric", "channel", "cause", "description", "note_kind", "entered_by",
           "entered_at", "source", "external_id", "slack_channel", "slack_ts")
NAMES = ", ".join(COLUMNS)
STAGING = "entries_incoming"
CREATE_STAGING = (f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGING} ON COMMIT DELETE ROWS AS "
                  f"SELECT 0 AS position, {NAMES} FROM entries WITH NO DATA")
COPY_STAGING = f"COPY {STAGING} (position, {NAMES}) FROM STDIN"
MOVE_STAGED = (f"WITH staged AS (DELETE FROM {STAGING} RETURNING position, {NAMES}) "
               f"INSERT INTO entries ({NAMES}) SELECT {NAMES} FROM staged ORDER BY position "
               "ON CONFLICT (workspace_id, external_id) DO NOTHING RETURNING external_id")


def _insert_postgres(connection: Connection, rows: list[dict]) -> set[str]:
    """COPY the batch into a temporary staging table, then move it with one INSERT."""
    dbapi = connection.dialect.dbapi
    try:
        with connection.connection.driver_connection.cursor() as cursor:
            cursor.execute(CREATE_STAGING)
            with cursor.copy(COPY_STAGING) as copy:
                for position, row in enumerate(rows):
                    copy.write_row([position, *(row[name] for name in COLUMNS)])
            cursor.execute(MOVE_STAGED)
            return {external_id for (external_id,) in cursor.fetchall()}
    except dbapi.IntegrityError as error:  # the driver's own errors, as SQLAlchemy's
        raise IntegrityError(MOVE_STAGED, None, error) from error
    except dbapi.DataError as error:
        raise DataError(MOVE_STAGED, None, error) from error


SQLITE_INSERT = (sqlite_insert(Entry).on_conflict_do_nothing(
    index_elements=["workspace_id", "external_id"]).returning(Entry.external_id))


def _insert_sqlite(connection: Connection, rows: list[dict]) -> set[str]:
    """One compiled statement; SQLAlchemy sends it as multi-row INSERTs ("insertmanyvalues")."""
    return set(connection.execute(SQLITE_INSERT, rows).scalars())


def insert_new(session: Session, rows: list[dict]) -> set[str]:
    """Insert rows whose external id is not stored yet; the external ids that were inserted."""
    if not rows:
        return set()
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        return _insert_postgres(connection, rows)
    return _insert_sqlite(connection, rows)


def add_many_unless_known(session: Session, workspace_id: str,
                          items: list[tuple[AnyInput, Provenance]]) -> list[bool]:
    """Store entries by external id in one statement; per item, whether it was stored now.

    An id already stored, or repeated within the batch after its first item, is not stored.
    """
    first: dict[str, int] = {}
    for index, (_, origin) in enumerate(items):
        first.setdefault(origin.external_id, index)
    fresh = [items[index] for index in first.values()]
    try:
        with session.begin_nested():
            stored = insert_new(session, [entry_values(workspace_id, entry, origin)
                                          for entry, origin in fresh])
    except (IntegrityError, DataError):
        stored = {origin.external_id for entry, origin in fresh
                  if add_unless_known(session, workspace_id, entry, origin) is not None}
    return [origin.external_id in stored and first[origin.external_id] == index
            for index, (_, origin) in enumerate(items)]


def chunk_size(db: Database) -> int:
    """Entries stored per transaction by `add_in_chunks` on this database."""
    return SQLITE_CHUNK if db.engine.dialect.name == "sqlite" else POSTGRES_CHUNK


def add_in_chunks(db: Database, workspace_id: str, items: list[tuple[AnyInput, Provenance]],
                  size: int | None = None) -> list[bool]:
    """Store entries by external id, `size` (default: `chunk_size`) at a time, each chunk in
    its own transaction; per item, whether it was stored now. A failure leaves the chunks
    before it stored: sent again, their ids are known and nothing is stored twice. An id
    repeated within the batch after its first item is not stored."""
    first: dict[str, int] = {}
    for index, (_, origin) in enumerate(items):
        first.setdefault(origin.external_id, index)
    fresh = [items[index] for index in first.values()]
    stored: list[bool] = []
    size = size or chunk_size(db)
    for start in range(0, len(fresh), size):
        with db.bulk_session() as session:
            stored += add_many_unless_known(session, workspace_id, fresh[start:start + size])
    now_stored = {origin.external_id for (_, origin), was in zip(fresh, stored, strict=True) if was}
    return [origin.external_id in now_stored and first[origin.external_id] == index
            for index, (_, origin) in enumerate(items)]
