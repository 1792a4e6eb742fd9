"""Loading entries as frames: the fast DBAPI path yields what SQLAlchemy's typed rows give,
value for value and type for type, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from capture.inputs import CostInput, HoursInput, MetricInput, NoteInput
from metrics.report import build_report
from metrics.weeks import IsoWeek
from ritual.digest_data import LOOKBACK, kpi_settings
from storage.entries import Provenance
from storage.entry_batches import add_many_unless_known
from storage.frames import COLUMNS, load_inputs
from storage.models import Entry, Workspace

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def day(n: int) -> date:
    return date(2026, 10, 1 + n % 28)


ENTRIES = [
    CostInput(Decimal("49.90"), "tools", "fixed", "Zapier", day(0), "shop", "month"),
    CostInput(Decimal("12.3456"), "ads", "variable", None, day(3), None, None),
    HoursInput(Decimal("1.5"), "support", "Tickets", day(1), None),
    HoursInput(Decimal("0.25"), None, None, day(1), "shop"),
    MetricInput("revenue", Decimal("89.90"), day(2), "shop"),
    MetricInput("revenue", Decimal("89.90"), day(2), None),
    MetricInput("errors", Decimal("0"), day(5), None),
    NoteInput("Newsletter moved", day(4), "context"),
    NoteInput("Free shipping", day(0), "hypothesis"),
] + [MetricInput("orders", Decimal(n % 7), day(n), "shop") for n in range(60)]


@pytest.fixture
def db(db):
    """T1 and T2."""
    with db.session() as session:
        session.add(Workspace(id="T2", created_at=NOW))
    with db.session() as session:
        provenance = [Provenance("U1", NOW, "slash", external_id=f"e{n}")
                      for n in range(len(ENTRIES))]
        add_many_unless_known(session, "T1", list(zip(ENTRIES, provenance, strict=True)))
        add_many_unless_known(session, "T2", [(ENTRIES[0], provenance[0])])
    return db


def typed_rows(session, kind: str, since: date | None) -> list[tuple]:
    """The same entries through SQLAlchemy's result processing, as the reference."""
    columns = COLUMNS[kind]
    query = select(*columns.values(), Entry.every).where(
        Entry.workspace_id == "T1", Entry.kind == kind, Entry.deleted_at.is_(None))
    rows = [tuple(row) for row in session.execute(query.order_by(Entry.occurred_on, Entry.id))]
    if since is None:
        return [row[:-1] for row in rows]
    # costs: recurring ones from a year earlier, since they accrue into the window
    return [row[:-1] for row in rows if row[0] >= since or (
        kind == "cost" and row[-1] is not None and row[0] >= since.replace(year=since.year - 1))]


def frame_rows(frame) -> list[tuple]:
    return [tuple(None if value is None or value != value else value for value in row)
            for row in frame.itertuples(index=False, name=None)]


@pytest.mark.parametrize("since", [None, date(2026, 10, 3)])
def test_frames_hold_exactly_what_typed_rows_hold(db, since):
    with db.reader() as session:
        inputs = load_inputs(session, "T1", since=since)
        frames = {"cost": inputs.costs, "hours": inputs.hours, "metric": inputs.metrics,
                  "note": inputs.notes}
        for kind, frame in frames.items():
            expected = typed_rows(session, kind, since)
            assert list(frame.columns) == list(COLUMNS[kind])
            got = frame_rows(frame)
            assert got == expected
            assert [tuple(map(type, row)) for row in got] == \
                [tuple(map(type, row)) for row in expected]


def test_costs_before_the_window_are_loaded_only_when_they_recur(db):
    with db.reader() as session:
        costs = load_inputs(session, "T1", since=date(2026, 10, 2)).costs
    assert costs["amount"].tolist() == [Decimal("49.90"), Decimal("12.3456")]  # monthly, 1 Oct
    with db.reader() as session:
        costs = load_inputs(session, "T1", since=date(2026, 10, 5)).costs
    assert costs["amount"].tolist() == [Decimal("49.90")]  # the one-off of 4 Oct is before


def test_the_week_computes_the_same_from_its_window_as_from_all_history(db):
    week = IsoWeek.of(date(2027, 9, 1))
    since = week.start - LOOKBACK
    paid = since - timedelta(days=30)  # before the window; a yearly payment still accrues
    with db.session() as session:
        add_many_unless_known(session, "T1", [
            (CostInput(Decimal("1200"), "tools", "fixed", "Yearly licence", paid, None, "year"),
             Provenance("U1", NOW, "slash", external_id="yearly")),
            (CostInput(Decimal("999"), "tools", "fixed", "One-off, long ago", paid),
             Provenance("U1", NOW, "slash", external_id="old")),
            (MetricInput("revenue", Decimal("2500"), week.start), Provenance("U1", NOW, "slash")),
        ])
    with db.reader() as session:
        settings = kpi_settings(session.get(Workspace, "T1"))
        windowed = load_inputs(session, "T1", since=since)
        everything = load_inputs(session, "T1")
        once_only = load_inputs(session, "T1")
    assert build_report(windowed, settings, week).kpis == build_report(everything, settings, week).kpis
    once_only.costs = once_only.costs[once_only.costs["every"].isna()]
    assert build_report(windowed, settings, week).kpis != build_report(once_only, settings, week).kpis


def test_amounts_are_decimals_and_days_are_dates(db):
    with db.reader() as session:
        costs = load_inputs(session, "T1").costs
    assert costs["amount"].tolist() == [Decimal("49.90"), Decimal("12.3456")]
    assert costs["occurred_on"].tolist() == [day(0), day(3)]


def test_a_workspace_without_entries_gives_empty_frames_with_their_columns(db):
    with db.reader() as session:
        inputs = load_inputs(session, "T9")
    assert inputs.metrics.empty and list(inputs.metrics.columns) == list(COLUMNS["metric"])
