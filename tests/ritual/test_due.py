"""The next-due time per workspace: computed on creation and on changes, moved on by the tick."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from ritual.context import workspace_for_team
from ritual.deps import Deps
from ritual.due import first_scheduled, next_scheduled, reschedule
from ritual.schedule import tick
from ritual.workspace_settings import change_settings
from storage.db import Database
from storage.models import LOOK_NOW, Digest, Workspace

MONDAY_0900_BERLIN = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def deps(database_url):
    db = Database(database_url)
    yield Deps(db=db, clock=Clock(MONDAY_0900_BERLIN - timedelta(days=3)))
    db.dispose()


def berlin(**settings) -> Workspace:
    return Workspace(id="T", timezone="Europe/Berlin", digest_weekday=0, digest_time="09:00",
                     **settings)


def test_next_moment_is_strictly_later_and_local_across_daylight_saving():
    workspace = berlin()
    summer = datetime(2026, 10, 19, 7, 0, tzinfo=UTC)  # Monday 09:00 CEST
    assert next_scheduled(workspace, summer - timedelta(seconds=1)) == summer
    after = next_scheduled(workspace, summer)
    assert after == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)  # 09:00 CET, a week and an hour


def test_a_new_workspace_is_due_at_its_first_moment_after_creation():
    workspace = berlin(created_at=datetime(2026, 11, 20, tzinfo=UTC))
    assert first_scheduled(workspace) == MONDAY_0900_BERLIN
    reschedule(workspace, datetime(2026, 11, 20, tzinfo=UTC))
    assert workspace.next_digest_at == MONDAY_0900_BERLIN


def test_rescheduling_after_the_moment_looks_at_once():
    """A time changed after this week's moment passed: the tick looks at the next tick (and
    posts the week late if it has no digest yet, as before)."""
    workspace = berlin(created_at=datetime(2026, 11, 1, tzinfo=UTC))
    reschedule(workspace, MONDAY_0900_BERLIN + timedelta(hours=2))
    assert workspace.next_digest_at == MONDAY_0900_BERLIN


def test_changing_a_schedule_field_marks_the_workspace_for_the_next_tick():
    workspace = berlin(created_at=datetime(2026, 11, 1, tzinfo=UTC))
    workspace.next_digest_at = MONDAY_0900_BERLIN
    workspace.digest_time = "09:00"
    assert workspace.next_digest_at == MONDAY_0900_BERLIN  # unchanged value: nothing to do
    workspace.timezone = "America/New_York"
    assert workspace.next_digest_at == LOOK_NOW


def recorder(posted: list):
    def post(workspace_id: str, digest_id: int, now: datetime) -> bool:
        posted.append((workspace_id, now))
        return True
    return post


def create(deps: Deps, team: str, **settings) -> None:
    """A workspace as the bot makes it on first contact, with its channel set."""
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team, deps.now())
        for key, value in settings.items():
            setattr(workspace, key, value)
        reschedule(workspace, deps.now())


def next_due(deps: Deps, team: str) -> datetime:
    with deps.db.reader() as session:
        return session.get(Workspace, team).next_digest_at


def test_the_tick_moves_the_next_due_time_on_and_posts_at_the_new_time(deps):
    create(deps, "T1", kpi_channel="C1")
    posted: list = []
    tick(deps, recorder(posted))
    assert posted == [] and next_due(deps, "T1") == MONDAY_0900_BERLIN
    change_settings(deps, "T1", {"time": ["10:30"], "timezone": ["Asia/Tokyo"]})
    tokyo = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)  # Monday 10:30 in Tokyo
    assert next_due(deps, "T1") == tokyo
    deps.clock.now = tokyo + timedelta(minutes=1)
    tick(deps, recorder(posted))
    tick(deps, recorder(posted))
    assert [team for team, _ in posted] == ["T1"]
    assert next_due(deps, "T1") == tokyo + timedelta(days=7)


def test_a_channel_set_late_gets_the_due_week_late(deps):
    create(deps, "T1")
    deps.clock.now = MONDAY_0900_BERLIN + timedelta(hours=3)
    posted: list = []
    tick(deps, recorder(posted))
    assert posted == []
    change_settings(deps, "T1", {"channel": ["C0KPI"]})
    tick(deps, recorder(posted))
    with deps.db.reader() as session:
        [digest] = session.scalars(select(Digest)).all()
    assert [team for team, _ in posted] == ["T1"] and digest.late and digest.week == "2026-W47"


def test_a_broken_workspace_is_tried_every_tick_and_blocks_no_other(deps):
    with deps.db.session() as session:
        session.add(Workspace(id="TBROKEN", created_at=deps.now(), kpi_channel="C0X",
                              timezone="Mars/Base"))
    create(deps, "TGOOD", kpi_channel="C1")
    deps.clock.now = MONDAY_0900_BERLIN + timedelta(minutes=1)
    posted: list = []
    tick(deps, recorder(posted))
    tick(deps, recorder(posted))
    assert [team for team, _ in posted] == ["TGOOD"]
    assert next_due(deps, "TBROKEN") == LOOK_NOW
