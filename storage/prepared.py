"""Statements compiled once for an engine and run on a pooled DBAPI connection.

For the few statements run on every Slack request (is this workspace stopped?) and with every
entry typed (`/cost`: its workspace's settings, category map and the insert), SQLAlchemy's work
per execution (a connection's events, a result object, its transaction bookkeeping) costs
several times the statement itself on SQLite. Both kinds here keep the statement's SQL in the
engine's own dialect and parameter style and run it straight on a connection from the same
pool: `PreparedRead` for single-row reads, `RawTransaction` for one write transaction (its
parameters converted by the column types' own bind processors). Results come as the driver
gives them: only for columns that need no conversion when read (numbers, text, NULL).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, NoResultFound
from sqlalchemy.sql import Executable, Select

MAX_COMPILED = 256  # statements kept compiled per database (they are module constants)


class CompiledStatement:
    """A statement compiled once for an engine (and, for an insert, its columns): its SQL, the
    order of its positional parameters, and each parameter's conversion to the driver's type
    (dates and times as SQLite stores them, aware times in UTC, amounts)."""

    def __init__(self, engine: Engine, statement: Executable, keys: tuple[str, ...] = ()) -> None:
        dialect = engine.dialect
        compiled = statement.compile(dialect=dialect, column_keys=list(keys))
        self.sql = compiled.string
        self.names = list(compiled.positiontup or ())
        self.convert = {}
        for name, bind in compiled.binds.items():
            if not bind.required and name not in keys:
                raise ValueError(f"{name}: a prepared statement takes every value as a named "
                                 "parameter (bindparam), so that it is built once")
            processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                self.convert[name] = processor

    def args(self, params: Mapping[str, Any]) -> tuple | dict:
        """The driver's arguments for `params` (every parameter the statement names)."""
        values = {name: self.convert[name](value) if name in self.convert else value
                  for name, value in params.items()}
        return tuple(values[name] for name in self.names) if self.names else values


class PreparedRead:
    """`PreparedRead(engine, select(...).where(col == bindparam("name"))).first(name=value)`"""

    def __init__(self, engine: Engine, statement: Select) -> None:
        self.engine = engine
        self.compiled = CompiledStatement(engine, statement)

    def first(self, **params: Any) -> tuple | None:
        """The first row of the read, or None."""
        connection = self.engine.raw_connection()
        try:
            cursor = connection.cursor()
            try:
                cursor.execute(self.compiled.sql, self.compiled.args(params))
                return cursor.fetchone()
            finally:
                cursor.close()
        finally:
            connection.close()  # back to the pool, which rolls back whatever it began


class Rows:
    """What `RawTransaction.execute` answers: the three ways the storage layer reads a result."""

    def __init__(self, cursor) -> None:
        self.cursor = cursor

    def first(self) -> tuple | None:
        return self.cursor.fetchone()

    def all(self) -> list[tuple]:
        return self.cursor.fetchall()

    def scalar_one(self) -> Any:
        rows = self.cursor.fetchall()
        if len(rows) != 1:
            raise NoResultFound(f"expected one row, got {len(rows)}")
        return rows[0][0]


class RawTransaction:
    """One write transaction on a pooled DBAPI connection; `execute(statement, params)` like a
    SQLAlchemy Connection's, with each statement compiled once (see `CompiledStatement`)."""

    def __init__(self, engine: Engine, compiled: dict) -> None:
        self.engine = engine
        self.compiled = compiled
        with self._as_dbapi_error("connect"):  # an unreachable server: SQLAlchemy's error
            self.connection = engine.raw_connection()
        self.cursor = self.connection.cursor()

    def close(self) -> None:
        """Hand the connection back to the pool (which rolls back whatever is still open)."""
        self.connection.close()

    def run_sql(self, sql: str, args: tuple | dict = ()) -> None:
        """Plain SQL (such as BEGIN IMMEDIATE); a driver error as SQLAlchemy's DBAPIError."""
        with self._as_dbapi_error(sql, args):
            self.cursor.execute(sql, args)

    def commit(self) -> None:
        with self._as_dbapi_error("COMMIT"):
            self.connection.commit()

    def rollback(self) -> None:
        """Undo what this transaction wrote (a connection already broken is left to the pool)."""
        try:
            self.connection.rollback()
        except self.engine.dialect.loaded_dbapi.Error:
            self.connection.invalidate()

    @contextmanager
    def _as_dbapi_error(self, sql: str, args: tuple | dict = ()) -> Iterator[None]:
        base = self.engine.dialect.loaded_dbapi.Error
        try:
            yield
        except base as error:
            raise DBAPIError.instance(sql, args, error, base) from error

    def execute(self, statement: Executable, params: Mapping[str, Any]) -> Rows:
        keys = tuple(params)
        key = (statement, keys)
        prepared = self.compiled.get(key)
        if prepared is None:
            if len(self.compiled) >= MAX_COMPILED:  # statements are meant to be constants
                self.compiled.clear()
            prepared = self.compiled[key] = CompiledStatement(self.engine, statement, keys)
        self.run_sql(prepared.sql, prepared.args(params))
        return Rows(self.cursor)
