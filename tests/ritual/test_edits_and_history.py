"""Use cases without Slack: edits and their audit, changes after a digest, dated goals,
drafted focus questions, and the 13-week grid."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from capture.forms import input_from_form
from metrics.goals import goal_in_force, goals_in_force
from metrics.weeks import IsoWeek
from ritual.deps import Deps
from ritual.digest_data import week_digest
from ritual.edits import Edited, edit_entry, edit_form, recent_with_trails
from ritual.goals import set_goal
from ritual.outcomes import Problem
from ritual.recording import Refused, record_command
from ritual.scorecard_grid import trailing_grid
from storage.db import Database
from storage.models import Digest, Entry

TEAM = "T0RITUAL"
FRIDAY = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)  # 2026-W47


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def deps(sqlite_url) -> Deps:
    db = Database(sqlite_url)
    db.upgrade()
    yield Deps(db=db, clock=Clock(FRIDAY))
    db.dispose()


def record(deps: Deps, text: str, user: str = "U0ANNA") -> int:
    return record_command(deps, "record", TEAM, user, text).id


def edit(deps: Deps, entry_id: int, user: str, values: dict, admin: bool = False):
    return edit_entry(deps, TEAM, user, entry_id,
                      lambda ctx: input_from_form("record", values, ctx), lambda: admin)


def posted(deps: Deps, week: str, at: datetime) -> None:
    with deps.db.session() as session:
        session.add(Digest(workspace_id=TEAM, week=week, status="posted", claimed_at=at,
                           posted_at=at, channel="C0KPI", ts="1700000000.000100"))


REVENUE = {"metric": "revenue", "value": "4.379", "date": "2026-11-12"}


def test_the_author_edits_and_every_changed_field_is_audited(deps):
    entry_id = record(deps, "revenue 4.179 date:2026-11-12")
    form = edit_form(deps, TEAM, "U0ANNA", entry_id, lambda: False)
    assert (form.kind, form.values["value"], form.values["date"]) == ("record", "4179",
                                                                     "2026-11-12")
    outcome = edit(deps, entry_id, "U0ANNA", {**REVENUE, "date": "2026-11-13"})
    assert isinstance(outcome, Edited)
    assert [(c.field, c.old, c.new) for c in outcome.changes] == [
        ("occurred_on", "2026-11-12", "2026-11-13"), ("quantity", "4179", "4379")]
    _, [(view, trail)] = recent_with_trails(deps, TEAM)
    assert view.input.value == Decimal("4379") and len(trail) == 2
    assert trail[0].edited_by == "U0ANNA" and trail[0].edited_at == FRIDAY


def test_others_are_refused_and_admins_may_edit(deps):
    entry_id = record(deps, "revenue 100")
    assert edit(deps, entry_id, "U0BEN", REVENUE) == Problem("edit_not_yours", "de")
    assert edit_form(deps, TEAM, "U0BEN", entry_id, lambda: False) == Problem("edit_not_yours", "de")
    assert isinstance(edit(deps, entry_id, "U0BEN", REVENUE, admin=True), Edited)
    with deps.db.reader() as session:
        assert session.get(Entry, entry_id).entered_by == "U0ANNA"


def test_a_bad_edit_is_refused_like_a_new_entry_and_changes_nothing(deps):
    entry_id = record(deps, "revenue 100")
    outcome = edit(deps, entry_id, "U0ANNA", {**REVENUE, "value": "viel"})
    assert isinstance(outcome, Refused) and outcome.error.block_id == "value"
    _, [(view, trail)] = recent_with_trails(deps, TEAM)
    assert view.input.value == Decimal(100) and trail == []


def test_the_next_digest_names_weeks_changed_after_their_digest(deps):
    entry_id = record(deps, "revenue 4.179 date:2026-11-12")
    record(deps, "revenue 50 date:2026-11-18")
    posted(deps, "2026-W46", datetime(2026, 11, 16, 8, tzinfo=UTC))
    edit(deps, entry_id, "U0ANNA", REVENUE)
    changes = week_digest(deps, TEAM).changed_after
    assert [(str(c.week), c.input, c.old, c.new) for c in changes] == [
        ("2026-W46", "revenue", Decimal("4179"), Decimal("4379"))]
    deps.clock.now = FRIDAY + timedelta(weeks=1)
    posted(deps, "2026-W47", datetime(2026, 11, 23, 8, tzinfo=UTC))
    assert week_digest(deps, TEAM).changed_after == []  # reported once


def test_an_edit_before_the_digest_or_of_an_open_week_is_no_change_after_it(deps):
    entry_id = record(deps, "revenue 4.179 date:2026-11-18")
    posted(deps, "2026-W46", datetime(2026, 11, 16, 8, tzinfo=UTC))
    edit(deps, entry_id, "U0ANNA", {**REVENUE, "date": "2026-11-18"})
    assert week_digest(deps, TEAM).changed_after == []


def test_goal_in_force_is_the_newest_change_and_the_first_goal_holds_back_in_time():
    timeline = [(date(2026, 10, 5), Decimal(5)), (date(2026, 11, 2), Decimal(3)),
                (date(2026, 11, 16), None)]
    assert goal_in_force(timeline, date(2026, 9, 1)) == Decimal(5)
    assert goal_in_force(timeline, date(2026, 11, 9)) == Decimal(3)
    assert goal_in_force(timeline, date(2026, 11, 16)) is None
    assert goals_in_force({"a": timeline}, date(2026, 11, 20)) == {}


def test_a_new_goal_does_not_repaint_history(deps):
    for day in ("2026-11-04", "2026-11-12", "2026-11-18"):
        record(deps, f"revenue 3000 date:{day}")
    deps.clock.now = datetime(2026, 11, 3, 9, tzinfo=UTC)
    set_goal(deps, TEAM, ["revenue", "2800"], "U0ANNA")
    deps.clock.now = FRIDAY
    set_goal(deps, TEAM, ["revenue", "4000"], "U0ANNA")
    grid = trailing_grid(deps, TEAM)
    [row] = [r for r in grid.rows if r.kpi == "revenue"]
    cells = {str(c.week): (c.target, c.status) for c in row.cells}
    assert cells["2026-W45"] == (Decimal(2800), "green")
    assert cells["2026-W46"] == (Decimal(2800), "green")
    assert cells["2026-W47"] == (Decimal(4000), "red")
    assert week_digest(deps, TEAM, IsoWeek(2026, 46)).report.goals["revenue"].status == "green"


def test_red_two_weeks_in_a_row_drafts_a_question_for_the_usual_recorder(deps):
    for day in ("2026-11-10", "2026-11-17"):
        record(deps, f"orders 100 date:{day}", user="U0BEN")
        record(deps, f"errors 9 date:{day} cause:rework", user="U0BEN")
    record(deps, "errors 1 date:2026-11-03 cause:rework", user="U0ANNA")
    set_goal(deps, TEAM, ["error_rate_per_100", "3"], "U0ANNA")
    [question] = week_digest(deps, TEAM).focus
    assert (question.kpi, question.reason, question.weeks, question.owner) == (
        "error_rate_per_100", "red", 2, "U0BEN")


def test_one_red_week_drafts_nothing(deps):
    record(deps, "orders 100 date:2026-11-17")
    record(deps, "errors 9 date:2026-11-17 cause:rework")
    set_goal(deps, TEAM, ["error_rate_per_100", "3"], "U0ANNA")
    assert week_digest(deps, TEAM).focus == []


def test_the_grid_has_a_cell_per_week_gaps_and_digests(deps):
    record(deps, "revenue 100 date:2026-11-18")
    posted(deps, "2026-W46", datetime(2026, 11, 16, 8, tzinfo=UTC))
    grid = trailing_grid(deps, TEAM)
    assert [str(w) for w in (grid.weeks[0], grid.weeks[-1])] == ["2026-W35", "2026-W47"]
    assert all(len(row.cells) == 13 for row in grid.rows)
    [revenue] = [r for r in grid.rows if r.kpi == "revenue"]
    assert revenue.cells[-1].value == 100 and revenue.cells[-2].value is None
    assert "revenue" not in dict(grid.missing) and ("orders", None) in grid.missing
    data = grid.to_json_dict()
    assert data["digests"] == [{"week": "2026-W46", "channel": "C0KPI", "ts": "1700000000.000100"}]
    assert data["rows"][0]["cells"][-1]["week"] == "2026-W47"
