"""Rows in every table of a database at any schema revision, and fingerprints to compare them.

The filler reads the tables as they are (reflection), so a migration added later is covered
without touching this file: every column gets a plausible value of its type, foreign keys point
at rows of the parent table, and a few columns that migrations read get real-looking values.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
)

ROWS_PER_TABLE = 3
SKIPPED = {"alembic_version"}

# Columns whose values the migrations read or the code parses: real-looking values.
KNOWN_VALUES: dict[str, Any] = {
    "timezone": "Europe/Berlin",
    "digest_time": "09:00",
    "digest_weekday": 0,
    "language": "de",
    "currency": "EUR",
    "status": "posted",
    "kind": "cost",
}


def tables_of(connection: Connection) -> list[Table]:
    """The project's tables as they are in this database, parents before children."""
    metadata = MetaData()
    metadata.reflect(connection)
    return [table for table in metadata.sorted_tables if table.name not in SKIPPED]


def fill(connection: Connection) -> dict[str, int]:
    """Insert ROWS_PER_TABLE rows into every table; returns the row count per table."""
    stored: dict[str, list[dict[str, Any]]] = {}
    for table in tables_of(connection):
        rows = [_row(table, index, stored) for index in range(ROWS_PER_TABLE)]
        connection.execute(table.insert(), rows)
        stored[table.name] = rows
    return {name: len(rows) for name, rows in stored.items()}


def _row(table: Table, index: int, stored: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column in table.columns:
        foreign = next(iter(column.foreign_keys), None)
        if foreign is not None and foreign.column.table.name in stored:
            parents = stored[foreign.column.table.name]
            row[column.name] = parents[index % len(parents)][foreign.column.name]
        elif foreign is not None and column.nullable:
            row[column.name] = None
        else:
            row[column.name] = _value(table.name, column, index)
    return row


def _value(table: str, column, index: int) -> Any:
    if column.name in KNOWN_VALUES:
        return KNOWN_VALUES[column.name]
    kind = column.type
    moment = datetime(2025, 3, 3, 9, 30, tzinfo=UTC) + timedelta(days=7 * index, minutes=index)
    if isinstance(kind, Boolean):
        return index % 2 == 0
    if isinstance(kind, Integer):
        return index + 1
    if isinstance(kind, Numeric):
        return Decimal(f"{index + 1}.25")
    if isinstance(kind, DateTime):
        return moment
    if isinstance(kind, Date):
        return (moment - timedelta(days=moment.weekday())).date()
    if isinstance(kind, JSON):
        return {"row": index, "table": table}
    if isinstance(kind, LargeBinary):
        return f"{table}-{index}".encode()
    text = f"{column.name[:8]}-{index}-{table[:6]}"
    if isinstance(kind, String) and kind.length:
        text = text[: kind.length]
    return text


def fingerprint(connection: Connection, columns: dict[str, list[str]] | None = None
                ) -> dict[str, tuple[int, str]]:
    """Row count and a checksum per table, over the given tables and columns (default: all)."""
    result: dict[str, tuple[int, str]] = {}
    for table in tables_of(connection):
        if columns is not None and table.name not in columns:
            continue
        names = columns[table.name] if columns else [column.name for column in table.columns]
        selected = [table.c[name] for name in names]
        rows = connection.execute(table.select().with_only_columns(*selected)).all()
        lines = sorted("|".join(_canonical(value) for value in row) for row in rows)
        digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
        result[table.name] = (len(rows), digest)
    return result


def column_names(connection: Connection) -> dict[str, list[str]]:
    """The columns of every table, to fingerprint the same ones after an upgrade."""
    return {table.name: [column.name for column in table.columns] for table in tables_of(connection)}


def _canonical(value: Any) -> str:
    """One spelling per value, whatever type the driver hands back."""
    if isinstance(value, datetime):
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] in " T":
        try:
            return _canonical(datetime.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, Decimal | float):
        return f"{Decimal(str(value)).normalize():f}"
    if isinstance(value, bool):
        return str(int(value))
    return str(value)

