"""Weekly KPI inputs kept per workspace and week: read the ones still valid, compute the rest.

Triggers (migration 0013) mark the days a committed change touched, in the writer's own
transaction. A kept week that a mark overlaps counts as missing. Filling missing weeks is one
write transaction, one at a time per workspace (SQLite's write lock; on PostgreSQL an advisory
lock): it takes the marks it sees, deletes them and the kept weeks they overlap, and only then
reads the entries, so every change whose mark it deleted is in what it computes; a change
committed later left its own mark.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta

from sqlalchemy import Connection, delete, exists, insert, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from metrics.kept_totals import totals_from_json, totals_json
from metrics.totals import Totals, window_totals
from storage.db import BUSY_TIMEOUT_MS, Database
from storage.frames import first_errors_on, load_inputs
from storage.weekly_tables import WeeklyInputMark, WeeklyInputs

log = logging.getLogger(__name__)

WEEK = timedelta(days=6)
CHUNK = 500
# How long a reader waits for a lock (SQLite's write lock; on PostgreSQL another filler, or a
# writer holding a mark) to keep what it computes; then it computes without keeping.
FILL_WAIT_MS = 250


def lock_key(workspace_id: str) -> int:
    """The advisory lock that serialises filling one workspace's weeks (PostgreSQL)."""
    digest = hashlib.blake2b(f"weekly_inputs:{workspace_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _valid_query(workspace_id: str, first: date, last: date):
    kept, mark = WeeklyInputs, WeeklyInputMark
    stale = exists().where(mark.workspace_id == kept.workspace_id,
                           mark.first_day <= kept.week_end, mark.last_day >= kept.week_start)
    return select(kept.week_start, kept.totals).where(
        kept.workspace_id == workspace_id, kept.week_start >= first, kept.week_start <= last,
        ~stale)


def valid_weeks(connection: Connection, workspace_id: str, starts: Sequence[date]) -> dict[date, str]:
    """Kept weeks among `starts` that no mark overlaps (one statement: one snapshot)."""
    rows = connection.execute(_valid_query(workspace_id, min(starts), max(starts)))
    wanted = set(starts)
    return {start: totals for start, totals in rows if start in wanted}


def _apply_marks(connection: Connection, workspace_id: str) -> None:
    """Delete the marks seen now, then the kept weeks they overlap."""
    marks = connection.execute(select(WeeklyInputMark.id, WeeklyInputMark.first_day,
                                      WeeklyInputMark.last_day).where(
        WeeklyInputMark.workspace_id == workspace_id)).all()
    if not marks:
        return
    ids = [mark.id for mark in marks]
    for start in range(0, len(ids), CHUNK):
        connection.execute(delete(WeeklyInputMark).where(
            WeeklyInputMark.id.in_(ids[start:start + CHUNK])))
    kept = connection.execute(select(WeeklyInputs.week_start, WeeklyInputs.week_end).where(
        WeeklyInputs.workspace_id == workspace_id)).all()
    stale = [start for start, end in kept
             if any(mark.first_day <= end and mark.last_day >= start for mark in marks)]
    for start in range(0, len(stale), CHUNK):
        connection.execute(delete(WeeklyInputs).where(
            WeeklyInputs.workspace_id == workspace_id,
            WeeklyInputs.week_start.in_(stale[start:start + CHUNK])))


def compute_weeks(session: Session, workspace_id: str, starts: Sequence[date]) -> dict[date, Totals]:
    """The totals of these weeks computed from the entries and imported rows."""
    inputs = load_inputs(session, workspace_id, since=min(starts), until=max(starts) + WEEK)
    return {start: window_totals(inputs, start, start + WEEK) for start in starts}


def fill(connection: Connection, workspace_id: str, starts: Sequence[date]) -> dict[date, str]:
    """Bring the kept weeks among `starts` up to date (in the caller's write transaction)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"SET LOCAL lock_timeout = '{FILL_WAIT_MS}ms'"))
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                           {"key": lock_key(workspace_id)})
    _apply_marks(connection, workspace_id)
    have = set(connection.scalars(select(WeeklyInputs.week_start).where(
        WeeklyInputs.workspace_id == workspace_id,
        WeeklyInputs.week_start.in_(list(starts)))))
    missing = [start for start in starts if start not in have]
    if missing:
        computed = compute_weeks(Session(bind=connection), workspace_id, missing)
        connection.execute(insert(WeeklyInputs), [
            {"workspace_id": workspace_id, "week_start": start, "week_end": start + WEEK,
             "totals": json.dumps(totals_json(totals), separators=(",", ":"))}
            for start, totals in computed.items()])
    rows = connection.execute(select(WeeklyInputs.week_start, WeeklyInputs.totals).where(
        WeeklyInputs.workspace_id == workspace_id, WeeklyInputs.week_start.in_(list(starts))))
    return dict(rows.all())  # current as of this transaction's reads, whatever came later


@contextmanager
def _brief_write(db: Database) -> Iterator[Connection]:
    """A write transaction that waits for SQLite's lock only briefly (the reader computes the
    weeks itself instead of waiting behind a long write; `fill` does the same on PostgreSQL)."""
    with db.engine.connect() as connection:
        driver = connection.connection.driver_connection
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            driver.execute(f"PRAGMA busy_timeout={FILL_WAIT_MS}")
        try:
            with connection.begin():
                yield connection
        finally:
            if sqlite:
                driver.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def kept_weeks(db: Database, workspace_id: str, starts: Sequence[date]
               ) -> tuple[dict[date, Totals], date | None]:
    """The totals of the weeks starting on `starts` (Mondays), and the day of the first errors
    entry; read where kept and valid, else computed and kept (computed without keeping them
    when the database is busy with a write)."""
    with db.read_connection() as connection:
        session = Session(bind=connection)
        found = {start: totals_from_json(json.loads(data))
                 for start, data in valid_weeks(connection, workspace_id, starts).items()}
        errors_since = first_errors_on(session, workspace_id)
        missing = [start for start in dict.fromkeys(starts) if start not in found]
        if not missing:
            return found, errors_since
        try:
            with _brief_write(db) as writer:
                kept = fill(writer, workspace_id, starts)
            return {start: totals_from_json(json.loads(data))
                    for start, data in kept.items()}, errors_since
        except OperationalError:  # the write lock stayed taken: this reader's snapshot will do
            log.info("weekly inputs of %s computed without keeping them: database busy",
                     workspace_id)
            return found | compute_weeks(session, workspace_id, missing), errors_since


