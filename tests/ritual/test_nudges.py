"""Nudges: only owners with gaps, once per person and week, whatever fails or runs twice."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ritual.nudges import due_nudge, nothing_this_week, tick
from ritual.owners import change_owner
from ritual.pauses import away, pause
from storage.models import Workspace
from storage.owners_tables import Nudge
from tests.ritual.nudge_world import (
    ANNA,
    BEN,
    NUDGE_MOMENT,
    TEAM,
    WEEK,
    FakeSender,
    world,
)


@pytest.fixture
def ritual(sqlite_url):
    deps, clock = world(sqlite_url)
    yield deps, clock
    deps.db.dispose()


def nudged(sender: FakeSender) -> list[tuple[str, list[str]]]:
    return [(m.user_id, m.inputs) for m in sender.sent]


def test_only_the_owner_of_missing_inputs_is_nudged_once(ritual):
    deps, clock = ritual
    sender = FakeSender()
    assert tick(deps, sender, "p1") == [(TEAM, BEN)]
    assert tick(deps, sender, "p2") == []
    clock.now += timedelta(hours=3)
    tick(deps, sender, "p1")
    assert nudged(sender) == [(BEN, ["costs", "leads"])]
    [message] = sender.sent
    assert message.week == WEEK and message.day == date(2026, 11, 22)


def test_no_nudge_before_the_moment_nor_after_the_digest(ritual):
    deps, clock = ritual
    sender = FakeSender()
    clock.now = NUDGE_MOMENT - timedelta(minutes=1)
    assert tick(deps, sender) == []
    clock.now = NUDGE_MOMENT + timedelta(hours=19)  # Monday 10:00 in Berlin: the digest is out
    assert tick(deps, sender) == []
    assert sender.sent == []


def test_nudge_setting_moves_or_disables_it(ritual):
    deps, clock = ritual
    with deps.db.session() as session:
        workspace = session.get(Workspace, TEAM)
        workspace.nudge = "sun 18:00"
        assert due_nudge(workspace, clock.now) is None
        assert due_nudge(workspace, clock.now + timedelta(hours=3)).week == WEEK
        workspace.nudge = None
        assert due_nudge(workspace, clock.now).week == WEEK
        workspace.nudge = "off"
    assert tick(deps, FakeSender()) == []


def test_a_refused_send_is_retried_once_after_its_backoff(ritual):
    deps, clock = ritual
    sender = FakeSender()
    sender.fail = ["before"]
    assert tick(deps, sender) == []
    assert tick(deps, sender) == []  # backoff not over
    clock.now += timedelta(minutes=5)
    assert tick(deps, sender) == [(TEAM, BEN)]
    tick(deps, sender)
    assert nudged(sender) == [(BEN, ["costs", "leads"])]


def test_a_send_lost_after_slack_stored_it_is_adopted_not_repeated(ritual):
    deps, clock = ritual
    sender = FakeSender()
    sender.fail = ["after"]
    tick(deps, sender)
    clock.now += timedelta(minutes=5)
    tick(deps, sender)
    assert len(sender.sent) == 1
    with deps.db.reader() as session:
        [row] = session.scalars(select(Nudge)).all()
        assert row.status == "sent" and row.attempts == 2


def test_an_unexpected_failure_is_retried_and_keeps_no_one_else_waiting(ritual):
    deps, clock = ritual
    change_owner(deps, TEAM, ["leads", "<@U0ANNA|anna>"], ANNA)
    sender = FakeSender()
    sender.fail = ["error"]  # Anna's, the first: her workspace's client could not be had
    assert tick(deps, sender) == [(TEAM, BEN)]
    with deps.db.reader() as session:
        rows = {row.user_id: row.status for row in session.scalars(select(Nudge))}
    assert rows == {ANNA: "failed", BEN: "sent"}
    clock.now += timedelta(minutes=5)
    assert tick(deps, sender) == [(TEAM, ANNA)]
    assert nudged(sender) == [(BEN, ["costs"]), (ANNA, ["leads"])]


def test_a_crash_mid_send_never_sends_twice(ritual):
    deps, clock = ritual
    sender = FakeSender()
    sender.fail = ["crash"]
    with pytest.raises(KeyboardInterrupt):
        tick(deps, sender)
    for _ in range(3):
        clock.now += timedelta(minutes=30)
        tick(deps, sender)
    assert sender.sent == []


def test_explicit_owner_and_known_none(ritual):
    deps, _ = ritual
    change_owner(deps, TEAM, ["leads", "<@U0ANNA|anna>"], ANNA)
    added, _ = nothing_this_week(deps, TEAM, BEN, str(WEEK), "costs")
    assert added and not nothing_this_week(deps, TEAM, BEN, str(WEEK), "costs")[0]
    sender = FakeSender()
    tick(deps, sender)
    assert nudged(sender) == [(ANNA, ["leads"])]


def test_people_away_and_paused_weeks_get_no_nudge(ritual):
    deps, _ = ritual
    away(deps, TEAM, BEN, ["until", "2026-11-30"])
    sender = FakeSender()
    assert tick(deps, sender) == []
    away(deps, TEAM, BEN, ["off"])
    pause(deps, TEAM, [str(WEEK)], ANNA)
    assert tick(deps, sender) == [] and sender.sent == []


def test_a_nudge_setting_written_by_hand_is_read_like_the_command(ritual):
    deps, clock = ritual
    with deps.db.session() as session:
        workspace = session.get(Workspace, TEAM)
        workspace.nudge = "So 15"
        assert due_nudge(workspace, clock.now).week == WEEK
        workspace.nudge = "AUS"
        assert due_nudge(workspace, clock.now) is None
