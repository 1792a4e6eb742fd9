"""Reads compiled once for an engine and run on a pooled DBAPI connection.

For the few reads made on every Slack request (is this workspace stopped?), SQLAlchemy's work
per execution (a connection's events, a result object, a transaction begun and rolled back)
costs ten times the query itself on SQLite. A `PreparedRead` keeps the statement's SQL in the
engine's own dialect and parameter style and runs it straight on a connection from the same
pool. Only for single-row reads whose columns need no type conversion (numbers, text, NULL).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlalchemy.sql import Select


class PreparedRead:
    """`PreparedRead(engine, select(...).where(col == bindparam("name"))).first(name=value)`"""

    def __init__(self, engine: Engine, statement: Select) -> None:
        compiled = statement.compile(dialect=engine.dialect)
        self.engine = engine
        self.sql = compiled.string
        self.names = list(compiled.positiontup or ())  # positional styles: the order of `?`s

    def first(self, **params: Any) -> tuple | None:
        """The first row of the read, or None."""
        args = tuple(params[name] for name in self.names) if self.names else params
        connection = self.engine.raw_connection()
        try:
            cursor = connection.cursor()
            try:
                cursor.execute(self.sql, args)
                return cursor.fetchone()
            finally:
                cursor.close()
        finally:
            connection.close()  # back to the pool, which rolls back whatever it began
