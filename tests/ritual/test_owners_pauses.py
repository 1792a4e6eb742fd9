"""Owners by default and by command, pauses out of digests and baselines, people away."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from metrics.weeks import IsoWeek
from ritual.deps import Deps
from ritual.digest_data import gather
from ritual.owners import change_owner, list_owners, owner_of, owner_option, week_gaps
from ritual.pauses import away, pause, resume
from ritual.schedule import tick
from ritual.workspace_settings import SettingError, validate_setting
from storage.db import Database
from storage.models import Digest, Workspace
from storage.owners import paused_weeks
from storage.sample_business import seed_sample_business
from tests.ritual.nudge_world import ANNA, BEN, TEAM, WEEK, world


@pytest.fixture
def ritual(sqlite_url):
    deps, clock = world(sqlite_url)
    yield deps, clock
    deps.db.dispose()


def test_default_owner_is_who_recorded_it_most_in_8_weeks(ritual):
    deps, _ = ritual
    with deps.db.reader() as session:
        assert owner_of(session, TEAM, "orders", WEEK) == (ANNA, False)
        assert owner_of(session, TEAM, "costs", WEEK) == (BEN, False)
        assert owner_of(session, TEAM, "hours", WEEK) == (None, False)
        assert owner_of(session, TEAM, "orders", WEEK.next().next().next().next().next()
                        .next().next().next().next().next()) == (None, False)


def test_owner_commands_set_and_clear(ritual):
    deps, _ = ritual
    view = change_owner(deps, TEAM, ["Orders", "<@U0BEN|ben>"], ANNA)
    assert (view.subject, view.user_id) == ("orders", BEN)
    with deps.db.reader() as session:
        assert owner_of(session, TEAM, "orders", WEEK) == (BEN, True)
    change_owner(deps, TEAM, ["orders", "-"], ANNA)
    with deps.db.reader() as session:
        assert owner_of(session, TEAM, "orders", WEEK) == (ANNA, False)
    for bad in (["orders"], ["nonsense", "<@U1>"], ["orders", "@ben"]):
        with pytest.raises(SettingError):
            change_owner(deps, TEAM, bad, ANNA)
    _, views = list_owners(deps, TEAM)
    assert {(v.subject, v.user_id) for v in views} >= {("orders", ANNA), ("costs", BEN)}


def test_a_goal_owner_owns_the_inputs_of_its_kpi(ritual):
    deps, _ = ritual
    rest, owner = owner_option(["error_rate_per_100", "3", "owner:<@U0BEN|ben>"])
    assert rest == ["error_rate_per_100", "3"] and owner == BEN
    change_owner(deps, TEAM, ["error_rate_per_100", "<@U0BEN|ben>"], ANNA)
    with deps.db.reader() as session:
        assert owner_of(session, TEAM, "orders", WEEK) == (BEN, True)
        assert owner_of(session, TEAM, "errors", WEEK) == (BEN, True)
        assert owner_of(session, TEAM, "revenue", WEEK) == (ANNA, False)


def test_away_owner_is_flagged_not_missing(ritual):
    deps, _ = ritual
    away(deps, TEAM, BEN, ["until", "2026-12-31"])
    with deps.db.reader() as session:
        workspace = session.get(Workspace, TEAM)
        gaps, known = week_gaps(session, workspace, WEEK, ["costs", "leads", "hours"],
                                date(2026, 11, 22))
    assert [(g.input, g.owner, g.away) for g in gaps] == [
        ("costs", BEN, True), ("leads", BEN, True), ("hours", None, False)]
    with pytest.raises(SettingError):
        away(deps, TEAM, BEN, ["until", "2020-01-01"])


def test_pause_weeks_and_resume(ritual):
    deps, _ = ritual
    assert pause(deps, TEAM, ["2026-w52"], ANNA).weeks == ["2026-W52"]
    view = pause(deps, TEAM, ["until", "2026-12-14"], ANNA)
    assert view.weeks == ["2026-W47", "2026-W48", "2026-W49", "2026-W50"]
    for bad in (["2026-W60"], ["until", "gestern"], ["until", "soon"], []):
        with pytest.raises(SettingError):
            pause(deps, TEAM, bad, ANNA)
    assert resume(deps, TEAM).lifted == 5
    with deps.db.reader() as session:
        assert paused_weeks(session, TEAM) == set()


def test_resume_names_one_week_past_or_future(ritual):
    deps, _ = ritual
    pause(deps, TEAM, ["2026-W40"], ANNA)
    pause(deps, TEAM, ["2026-W52"], ANNA)

    assert resume(deps, TEAM).lifted == 1  # this week and later: W52 only
    view = resume(deps, TEAM, ["2026-w40"])
    assert (view.lifted, view.week) == (1, "2026-W40")
    assert resume(deps, TEAM, ["2026-W40"]).lifted == 0
    for bad in (["W40"], ["2026-W40", "2026-W41"], ["until", "2026-12-01"]):
        with pytest.raises(SettingError):
            resume(deps, TEAM, bad)
    with deps.db.reader() as session:
        assert paused_weeks(session, TEAM) == set()


def test_nudge_setting_is_validated_like_every_setting():
    assert validate_setting("nudge", ["So", "15:00"], None) == {"nudge": "sun 15:00"}
    assert validate_setting("nudge", ["off"], None) == {"nudge": "off"}
    for bad in (["sunday"], ["xx", "15:00"], ["sun", "25:00"]):
        with pytest.raises(SettingError):
            validate_setting("nudge", bad, None)


@pytest.fixture
def demo(sqlite_url):
    db = Database(sqlite_url)
    db.upgrade()
    now = datetime(2026, 11, 20, tzinfo=UTC)
    with db.session() as session:
        workspace = seed_sample_business(session, date(2026, 11, 23), now)
        workspace.created_at = now
        team = workspace.id
    yield Deps(db=db, clock=lambda: datetime(2026, 11, 23, 8, 5, tzinfo=UTC)), team
    db.dispose()


def test_a_paused_week_gets_no_digest(demo):
    deps, team = demo
    pause(deps, team, ["2026-W47"], ANNA)
    posted = []
    assert tick(deps, lambda w, d, now: posted.append(d) or True, "p1") == []
    with deps.db.reader() as session:
        digest = session.scalar(select(Digest).where(Digest.week == "2026-W47"))
    assert posted == [] and digest.status == "skipped" and digest.error == "paused"


def test_paused_weeks_leave_the_baseline_and_show_as_paused(demo):
    deps, team = demo
    week = IsoWeek(2026, 47)
    with deps.db.reader() as session:
        before = gather(session, session.get(Workspace, team), week, deps.now())
    pause(deps, team, ["2026-W44"], ANNA)
    with deps.db.reader() as session:
        after = gather(session, session.get(Workspace, team), week, deps.now())
    [p_before] = [a for a in before.report.alerts if a.kind == "error_rate"]
    [p_after] = [a for a in after.report.alerts if a.kind == "error_rate"]
    assert p_before.expected != p_after.expected
    demo_pause = IsoWeek(2026, 40).start  # the demo pauses a week of its own
    assert before.paused == [demo_pause] and after.paused == [demo_pause, IsoWeek(2026, 44).start]
    start = IsoWeek(2026, 44).start
    assert not before.history.loc[start].isna().all() and after.history.loc[start].isna().all()
    assert after.control.loc[start].isna()["rate"]
    assert before.history.index.equals(after.history.index)


def test_pauses_and_owners_travel_through_csv_and_need_an_admin(ritual):
    from ritual.csv_import import CsvImported, CsvRejected, import_csv
    from storage.csv_io import export_rows

    deps, _ = ritual
    pause(deps, TEAM, ["2026-W52"], ANNA)
    change_owner(deps, TEAM, ["leads", "<@U0ANNA>"], ANNA)
    with deps.db.reader() as session:
        rows = [r for r in export_rows(session, session.get(Workspace, TEAM))
                if r["kind"] in ("pause", "owner")]
    assert rows == [{"kind": "pause", "name": "2026-W52"},
                    {"kind": "owner", "name": "leads", "description": ANNA}]
    text = "date,kind,name,amount,description\n,pause,2027-W01,,\n,owner,orders,,U0BEN\n"
    assert isinstance(import_csv(deps, TEAM, BEN, text, admin=False), CsvRejected)
    bad = import_csv(deps, TEAM, ANNA, "date,kind,name,amount,description\n,pause,W1,,\n"
                     ",owner,orders,,ben\n", admin=True)
    assert isinstance(bad, CsvRejected) and [line for line, _ in bad.errors] == [2, 3]
    assert isinstance(import_csv(deps, TEAM, ANNA, text, admin=True), CsvImported)
    with deps.db.reader() as session:
        assert paused_weeks(session, TEAM) == {"2026-W52", "2027-W01"}
        assert owner_of(session, TEAM, "orders", WEEK) == (BEN, True)
