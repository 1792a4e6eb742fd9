"""The partial indexes of entries (migration 0008) serve the queries they were made for, on
SQLite and PostgreSQL, with the queries as the code sends them (bound parameters)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from capture.inputs import MetricInput
from storage.entries import Provenance, add_entry
from storage.frames import ERRORS_ONLY, first_errors_on
from storage.models import Entry

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


@pytest.fixture
def db(db):
    """T1 with one orders day and two errors days."""
    with db.session() as session:
        for day, metric in ((date(2026, 3, 2), "orders"), (date(2026, 4, 6), "errors"),
                            (date(2026, 5, 4), "errors")):
            add_entry(session, "T1", MetricInput(metric, Decimal(3), day),
                      Provenance("U1", NOW, "slash"))
    return db


def plan(session, statement) -> str:
    """The database's plan for the statement, with its parameters bound as the code binds them."""
    connection = session.connection()
    compiled = statement.compile(dialect=connection.dialect)
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + str(compiled),
                                          tuple(compiled.params[k] for k in compiled.positiontup))
        return " ".join(str(row[-1]) for row in rows)
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")  # tiny table: ask what is usable
    rows = connection.exec_driver_sql("EXPLAIN " + str(compiled), compiled.params)
    return " ".join(row[0] for row in rows)


def test_the_first_errors_day_comes_from_its_partial_index(db):
    with db.reader() as session:
        assert first_errors_on(session, "T1") == date(2026, 4, 6)
        query = select(Entry.occurred_on).where(
            Entry.workspace_id == "T1", text(ERRORS_ONLY), Entry.deleted_at.is_(None),
        ).order_by(Entry.occurred_on).limit(1)
        assert "ix_entries_first_errors" in plan(session, query)


def test_a_workspace_that_never_logged_errors_has_no_first_errors_day(db):
    with db.reader() as session:
        assert first_errors_on(session, "T9") is None


def test_a_person_s_entries_are_found_through_the_authored_index(db):
    with db.reader() as session:
        query = select(Entry.id).where(Entry.workspace_id == "T1", Entry.entered_by == "U1",
                                       Entry.deleted_at.is_(None)).order_by(Entry.id.desc())
        assert "ix_entries_ws_entered" in plan(session, query)
