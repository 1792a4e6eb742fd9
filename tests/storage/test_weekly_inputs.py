"""Weekly inputs kept per week: marks written by triggers, and writers racing a reader that fills."""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select, update

from storage.models import Entry
from storage.weekly_inputs import kept_weeks, valid_weeks
from storage.weekly_tables import WeeklyInputMark

MONDAY = date(2026, 11, 16)
ENTERED = datetime(2026, 11, 20, 10, tzinfo=UTC)


def revenue(amount: int, day: date = MONDAY, kind: str = "metric") -> dict:
    return {"workspace_id": "T1", "kind": kind, "occurred_on": day, "quantity": Decimal(amount),
            "metric": "revenue" if kind == "metric" else None, "entered_by": "U1",
            "entered_at": ENTERED, "source": "slash",
            "description": "a note" if kind == "note" else None}


def revenue_of_week(db) -> Decimal | None:
    return kept_weeks(db, "T1", [MONDAY])[0][MONDAY].sums.get("revenue")


def marks(db) -> int:
    with db.reader() as session:
        return session.scalar(select(func.count()).select_from(WeeklyInputMark))


def test_a_write_committed_after_a_week_was_kept_makes_it_stale(db):
    with db.transaction() as connection:
        connection.execute(insert(Entry), [revenue(100)])
    assert revenue_of_week(db) == Decimal(100)  # kept: its mark is gone
    with db.engine.connect() as writer:
        writer.begin()
        writer.execute(insert(Entry), [revenue(20)])
        assert revenue_of_week(db) == Decimal(100)  # the write is not committed yet
        writer.commit()
    with db.read_connection() as connection:
        assert valid_weeks(connection, "T1", [MONDAY]) == {}
    assert revenue_of_week(db) == Decimal(120)
    assert marks(db) == 0


def test_notes_and_fields_no_kpi_reads_mark_nothing(db):
    with db.transaction() as connection:
        connection.execute(insert(Entry), [revenue(100), revenue(0, kind="note")])
    revenue_of_week(db)
    with db.transaction() as connection:
        connection.execute(insert(Entry), [revenue(0, kind="note")])
        connection.execute(update(Entry).values(slack_ts="1.2", description="said so"))
    assert marks(db) == 0


def test_a_recurring_cost_marks_the_year_it_accrues_over(db):
    with db.transaction() as connection:
        connection.execute(insert(Entry), [{**revenue(120, date(2026, 1, 5), "cost"),
                                            "metric": None, "cost_class": "fixed",
                                            "every": "year"}])
    with db.reader() as session:
        first, last = session.execute(select(WeeklyInputMark.first_day,
                                             WeeklyInputMark.last_day)).one()
    assert (first, last) == (date(2026, 1, 5), date(2027, 1, 7))
    costs = kept_weeks(db, "T1", [MONDAY])[0][MONDAY].costs
    assert costs["fixed"] == Decimal(120) * 7 / 365


@pytest.mark.postgres
def test_a_writer_that_relied_on_an_existing_mark_is_not_lost_by_a_filling_reader(db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers; the race is PostgreSQL's")
    with db.transaction() as connection:
        connection.execute(insert(Entry), [revenue(100)])  # marks the week
    with db.engine.connect() as writer:
        writer.begin()
        writer.execute(insert(Entry), [revenue(20)])  # covered by that mark: locks it
        result = {}
        reader = threading.Thread(target=lambda: result.update(value=revenue_of_week(db)))
        reader.start()
        time.sleep(0.1)
        assert reader.is_alive()  # deleting the mark waits for the writer (then gives up)
        reader.join(10)
        assert result["value"] == Decimal(100)  # computed on its snapshot, not kept
        writer.commit()
    assert revenue_of_week(db) == Decimal(120)
    with db.read_connection() as connection:
        assert set(valid_weeks(connection, "T1", [MONDAY])) == {MONDAY}
