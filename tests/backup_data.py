"""Databases with rows for the backup tests, and a fingerprint of every table to compare them by."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    create_engine,
    inspect,
    text,
)

from storage.db import Database, make_engine, normalise_url
from storage.migrate import upgrade
from storage.sample_business import seed_sample_business

SEEDED_AT = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
# The newest revision whose schema the rows of `old_database` are written for.
OLD_REVISION = "0006"


def seed_demo(url: str) -> None:
    """The demo business (26 weeks of entries, goals, owners, …) in a migrated database, and a
    row in every table the demo leaves empty."""
    database = Database(url)
    database.upgrade()
    with database.session() as session:
        seed_sample_business(session, date(2026, 11, 23), SEEDED_AT)
    database.dispose()
    fill_empty_tables(url)


def _value(column, connection):
    """A value a NOT NULL column accepts: the referenced row's key for a foreign key."""
    for key in column.foreign_keys:
        target = key.column
        query = f'SELECT "{target.name}" FROM "{target.table.name}" LIMIT 1'
        return connection.execute(text(query)).scalar()
    kind = column.type
    if isinstance(kind, Boolean):
        return True
    if isinstance(kind, Integer | Numeric):
        return 1
    if isinstance(kind, DateTime):
        return SEEDED_AT
    if isinstance(kind, Date):
        return SEEDED_AT.date()
    if isinstance(kind, LargeBinary):
        return b"x"
    return "x"


def _numbered(column) -> bool:
    """A single-column integer primary key: the database numbers the rows."""
    return (column.primary_key and isinstance(column.type, Integer)
            and len(column.table.primary_key.columns) == 1)


def fill_empty_tables(url: str) -> None:
    """One row in each table that has none (parents first)."""
    engine = create_engine(normalise_url(url))
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        with engine.begin() as connection:
            for table in metadata.sorted_tables:
                if connection.execute(text(f'SELECT count(*) FROM "{table.name}"')).scalar():
                    continue
                row = {column.name: _value(column, connection) for column in table.columns
                       if not column.nullable and not _numbered(column)}
                connection.execute(table.insert().values(**row))
    finally:
        engine.dispose()


def fingerprint(url: str) -> dict[str, tuple[int, str]]:
    """Each table's row count and a checksum of its rows (in any order)."""
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as connection:
            tables = sorted(inspect(connection).get_table_names())
            result = {}
            for table in tables:
                selected = connection.execute(text(f'SELECT * FROM "{table}"'))
                rows = sorted(repr(tuple(row)) for row in selected)
                result[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
            return result
    finally:
        engine.dispose()


def execute(url: str, *statements: str) -> None:
    """Run SQL statements in one transaction."""
    engine = create_engine(normalise_url(url))
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def change_rows(url: str) -> None:
    """What happens after a backup: half the entries deleted, the workspace renamed."""
    execute(url, "DELETE FROM entries WHERE id % 2 = 0", "UPDATE workspaces SET name = 'changed since'")


def count(url: str, table: str) -> int:
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as connection:
            return connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
    finally:
        engine.dispose()


def old_database(url: str, revision: str = OLD_REVISION, entries: int = 3) -> None:
    """A database migrated only to `revision`, with a workspace and `entries` metric entries."""
    engine = make_engine(url)
    try:
        upgrade(engine, revision)
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO workspaces (id, timezone, language, currency, digest_weekday, digest_time,"
                " north_star, payback_ceiling, comment_weight, created_at, retention_days, next_digest_at)"
                " VALUES ('T0LD', 'Europe/Berlin', 'de', 'EUR', 0, '09:00', 'revenue', 12, 5,"
                " :at, 30, :at)"), {"at": SEEDED_AT})
            for day in range(1, entries + 1):
                connection.execute(text(
                    "INSERT INTO entries (workspace_id, kind, occurred_on, quantity, metric, entered_at,"
                    " source) VALUES ('T0LD', 'metric', :on, :quantity, 'leads', :at, 'slack')"),
                    {"on": date(2026, 11, day), "quantity": day, "at": SEEDED_AT})
    finally:
        engine.dispose()
