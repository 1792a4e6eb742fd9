"""A week the zero-error-weeks rule counts as 0 errors (errors tracked, orders recorded, no
errors entry; docs/kpis.md) is not a gap: no nudge for errors, no errors in the gap line, the
grid or the report's missing inputs. Before errors were first logged, errors are a gap."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from capture.inputs import MetricInput
from metrics.weeks import IsoWeek
from ritual.digest_data import gather
from ritual.nudges import tick
from ritual.scorecard_grid import build_grid
from storage.models import Workspace
from tests.ritual.nudge_world import ANNA, BEN, TEAM, WEEK, FakeSender, _add, world


def log_errors(deps, week: IsoWeek, count: int = 2) -> None:
    """Anna logs errors once, in `week` (so she owns errors, by recording them most often)."""
    day = week.start + timedelta(days=3)
    with deps.db.session() as session:
        _add(session, TEAM, ANNA, MetricInput("errors", Decimal(count), day, cause="rework"), day)


@pytest.fixture
def ritual(sqlite_url):
    deps, clock = world(sqlite_url)  # orders every week; Ben's costs and leads missing in W47
    yield deps, clock
    deps.db.dispose()


OTHER_GAPS = ["costs", "hours", "new_customers", "active_customers", "leads"]  # of W47


def gaps(deps, clock, week: IsoWeek) -> tuple[list[tuple[str, str | None]], object]:
    with deps.db.reader() as session:
        data = gather(session, session.get(Workspace, TEAM), week, clock.now)
    return [(gap.input, gap.owner) for gap in data.gaps], data.report


def test_a_zero_error_week_nudges_nobody_for_errors(ritual):
    deps, _ = ritual
    log_errors(deps, WEEK.previous(2))
    sender = FakeSender()
    assert tick(deps, sender) == [(TEAM, BEN)]
    assert [(m.user_id, m.inputs) for m in sender.sent] == [(BEN, ["costs", "leads"])]


def test_a_zero_error_week_is_not_in_the_gap_line_nor_the_grid(ritual):
    deps, clock = ritual
    log_errors(deps, WEEK.previous(2))
    found, report = gaps(deps, clock, WEEK)
    assert [name for name, _ in found] == report.missing_inputs == OTHER_GAPS
    assert [gap for gap in found if gap[1]] == [("costs", BEN), ("leads", BEN)]
    assert report.kpis["error_rate_per_100"].value == 0  # the rule's 0, not "not recorded"
    with deps.db.reader() as session:
        grid = build_grid(session, session.get(Workspace, TEAM), WEEK)
    assert [name for name, _ in grid.missing] == OTHER_GAPS


def test_errors_are_a_gap_before_they_were_first_logged(ritual):
    deps, clock = ritual
    log_errors(deps, WEEK.previous())
    before, report = gaps(deps, clock, WEEK.previous(2))
    assert "errors" in [name for name, _ in before] and "errors" in report.missing_inputs
    assert report.kpis["error_rate_per_100"].value is None
    after, _ = gaps(deps, clock, WEEK)
    assert [name for name, _ in after] == OTHER_GAPS


def test_a_week_with_errors_logged_is_no_gap_either(ritual):
    deps, clock = ritual
    log_errors(deps, WEEK.previous(2))
    log_errors(deps, WEEK, count=1)
    found, report = gaps(deps, clock, WEEK)
    assert [name for name, _ in found] == OTHER_GAPS
    assert report.kpis["error_rate_per_100"].value == Decimal("2.5")
