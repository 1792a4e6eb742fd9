"""A workspace whose first weeks were not recorded (docs/kpis.md, incomplete windows): its north
star does not climb while the 4-week window fills, and no payback alert fires on a window with
unrecorded weeks."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from capture.inputs import CostInput, MetricInput
from metrics.weeks import IsoWeek
from ritual.digest_data import gather
from ritual.scorecard_grid import build_grid
from storage.db import Database
from storage.models import Workspace
from tests.ritual.nudge_world import ANNA, _add

TEAM = "T0THIN"
FIRST = IsoWeek(2026, 40)  # the workspace's first week; 40-42 are not recorded
RECORDED = [IsoWeek(2026, n) for n in range(43, 49)]
NORTH_STAR = "contribution_per_customer_month"
STEADY = Decimal("173.93")  # 2,000 € contribution a week × 30.4375 / 7 / 50 customers


def seed_thin_workspace(database: Database) -> None:
    """The workspace: created in 2026-W40, the same shop week recorded in W43-W48 only."""
    with database.session() as session:
        session.add(Workspace(id=TEAM, language="de", timezone="Europe/Berlin", kpi_channel="C0KPI",
                              created_at=datetime.combine(FIRST.start, datetime.min.time(), UTC),
                              payback_ceiling=Decimal(1)))
        session.flush()
        for week in RECORDED:  # the same week every week: nothing to climb, nothing to alert
            day = week.start + timedelta(days=2)
            for item in (MetricInput("revenue", Decimal(3000), day),
                         MetricInput("orders", Decimal(60), day),
                         MetricInput("new_customers", Decimal(5), day),
                         MetricInput("active_customers", Decimal(50), day),
                         CostInput(Decimal(1000), "goods", "variable", None, day),
                         CostInput(Decimal(500), "ads", "acquisition", None, day)):
                _add(session, TEAM, ANNA, item, day)


@pytest.fixture
def db(sqlite_url):
    database = Database(sqlite_url)
    database.upgrade()
    seed_thin_workspace(database)
    yield database
    database.dispose()


def digest_of(db: Database, week: IsoWeek):
    with db.reader() as session:
        return gather(session, session.get(Workspace, TEAM), week,
                      datetime.combine(week.end + timedelta(days=1), datetime.min.time(), UTC))


def test_the_north_star_does_not_climb_while_the_window_fills(db):
    values = [digest_of(db, week).report.kpis[NORTH_STAR] for week in RECORDED]
    assert values[0].value is None and values[0].reason.code == "kpi.incomplete_window"
    assert [round(v.value, 2) for v in values[1:]] == [STEADY] * 5
    assert [v.weeks_used for v in values] == [1, 2, 3, 4, 4, 4]
    history = digest_of(db, RECORDED[-1]).history[NORTH_STAR]
    shown = [round(value, 2) for value in history if not math.isnan(value)]
    assert shown == [float(STEADY)] * 5  # weeks 40-42 and 43 (one week of four) are gaps


def test_no_payback_alert_while_the_window_has_unrecorded_weeks(db):
    for week in RECORDED:
        payback = next(a for a in digest_of(db, week).report.alerts if a.kind == "payback")
        complete = week >= RECORDED[3]
        assert payback.fired is (False if complete else None), week
        if not complete:
            assert payback.reason.code == "drift.incomplete_window"


def test_the_grid_marks_the_filling_window(db):
    with db.reader() as session:
        grid = build_grid(session, session.get(Workspace, TEAM), RECORDED[-1], weeks=9)
    row = next(r for r in grid.rows if r.kpi == NORTH_STAR)
    assert [c.incomplete for c in row.cells] == [True] * 4 + [False] * 5
    assert [c.weeks_used for c in row.cells] == [0, 0, 0, 1, 2, 3, 4, 4, 4]
    assert {round(c.value, 2) for c in row.cells if c.value is not None} == {float(STEADY)}
