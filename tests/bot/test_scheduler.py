"""The weekly digest schedule: exactly once per week, DST-aware, late after downtime, retried."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.app import web_client
from bot.digest.scheduler import DigestScheduler
from bot.process_config import BotConfig
from ritual.deps import Deps
from ritual.schedule import due_digest, last_scheduled
from storage.db import Database
from storage.models import Digest, Workspace
from storage.sample_business import DEMO_TEAM, seed_sample_business
from tests.bot.conftest import BOT_TOKEN, MovableClock

MONDAY_0900_BERLIN_WINTER = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
INSTALLED_LAST_WEEK = datetime(2026, 11, 20, tzinfo=UTC)


def make_scheduler(database_url: str, fake, clock: MovableClock, name: str) -> DigestScheduler:
    db = Database(database_url)
    db.upgrade()
    config = BotConfig(bot_token=BOT_TOKEN, signing_secret="s", app_token=None,
                       api_url=fake.api_url, database_url=database_url)
    return DigestScheduler(Deps(db=db, clock=clock), web_client(config), name=name)


def seed(scheduler: DigestScheduler, created: datetime) -> None:
    with scheduler.deps.db.session() as session:
        workspace = seed_sample_business(session, date(2026, 11, 23), created)
        workspace.created_at = created


def digests(scheduler: DigestScheduler) -> list[Digest]:
    with scheduler.deps.db.session() as session:
        return list(session.scalars(select(Digest).order_by(Digest.week)))


def attempted(scheduler: DigestScheduler) -> list[Digest]:
    return [d for d in digests(scheduler) if d.status != "skipped"]


def test_schedule_is_local_time_across_daylight_saving():
    workspace = Workspace(id="T", timezone="Europe/Berlin", digest_weekday=0, digest_time="09:00")
    summer = last_scheduled(workspace, datetime(2026, 10, 20, 12, 0, tzinfo=UTC))
    winter = last_scheduled(workspace, datetime(2026, 10, 27, 12, 0, tzinfo=UTC))
    assert summer.astimezone(UTC).hour == 7
    assert winter.astimezone(UTC).hour == 8
    assert winter.astimezone(UTC) - summer.astimezone(UTC) == timedelta(days=7, hours=1)


def test_due_week_is_the_iso_week_just_ended():
    workspace = Workspace(id="T", timezone="Europe/Berlin", digest_weekday=0, digest_time="09:00")
    due = due_digest(workspace, MONDAY_0900_BERLIN_WINTER + timedelta(minutes=1))
    assert str(due.week) == "2026-W47" and not due.late
    before = due_digest(workspace, MONDAY_0900_BERLIN_WINTER - timedelta(minutes=1))
    assert str(before.week) == "2026-W46"


@pytest.mark.postgres  # smoke test on both databases
def test_two_schedulers_post_once(database_url, fake_slack):
    clock = MovableClock(MONDAY_0900_BERLIN_WINTER - timedelta(minutes=5))
    first = make_scheduler(database_url, fake_slack, clock, "one")
    second = make_scheduler(database_url, fake_slack, clock, "two")
    seed(first, INSTALLED_LAST_WEEK)
    first.tick()
    second.tick()
    posted_before = [c for c in fake_slack.top_level_posts()]
    clock.advance(minutes=6)
    first.tick()
    second.tick()
    first.tick()
    posts = fake_slack.top_level_posts()
    assert len(posts) - len(posted_before) == 1
    [digest] = [d for d in digests(first) if d.status == "posted"]
    assert digest.week == "2026-W47" and not digest.late
    assert fake_slack.violations == []


def test_restart_does_not_post_again(database_url, fake_slack):
    clock = MovableClock(MONDAY_0900_BERLIN_WINTER + timedelta(minutes=1))
    first = make_scheduler(database_url, fake_slack, clock, "before-restart")
    seed(first, datetime(2026, 1, 1, tzinfo=UTC))
    first.tick()
    clock.advance(hours=3)
    make_scheduler(database_url, fake_slack, clock, "after-restart").tick()
    assert len(fake_slack.top_level_posts()) == 1


def test_missed_digest_is_posted_late_then_skipped_when_next_is_due(database_url, fake_slack):
    clock = MovableClock(MONDAY_0900_BERLIN_WINTER + timedelta(days=2))
    scheduler = make_scheduler(database_url, fake_slack, clock, "late")
    seed(scheduler, datetime(2026, 1, 1, tzinfo=UTC))
    scheduler.tick()
    [late] = [d for d in digests(scheduler) if d.week == "2026-W47"]
    assert late.status == "posted" and late.late
    assert "verspätet" in str(fake_slack.top_level_posts()[0].args)
    clock.advance(days=14)
    scheduler.tick()
    statuses = {d.week: d.status for d in digests(scheduler)}
    assert statuses["2026-W48"] == "skipped" and statuses["2026-W49"] == "posted"


@pytest.mark.postgres  # smoke test on both databases
def test_slack_failure_is_recorded_and_retried(database_url, fake_slack):
    clock = MovableClock(MONDAY_0900_BERLIN_WINTER + timedelta(minutes=1))
    scheduler = make_scheduler(database_url, fake_slack, clock, "retry")
    seed(scheduler, INSTALLED_LAST_WEEK)
    fake_slack.fail_next("chat.postMessage", error="channel_not_found")
    scheduler.tick()
    [digest] = attempted(scheduler)
    assert (digest.status, digest.error) == ("failed", "channel_not_found")
    scheduler.tick()
    assert attempted(scheduler)[0].status == "failed"
    clock.advance(minutes=5)
    scheduler.tick()
    [digest] = attempted(scheduler)
    assert digest.status == "posted" and digest.attempts == 2


def test_rate_limited_post_is_retried_by_the_client(database_url, fake_slack):
    clock = MovableClock(MONDAY_0900_BERLIN_WINTER + timedelta(minutes=1))
    scheduler = make_scheduler(database_url, fake_slack, clock, "429")
    seed(scheduler, INSTALLED_LAST_WEEK)
    fake_slack.rate_limit_next("chat.postMessage", retry_after=1)
    scheduler.tick()
    assert attempted(scheduler)[0].status == "posted"


def test_digest_posts_charts_into_its_thread(database_url, fake_slack):
    clock = MovableClock(MONDAY_0900_BERLIN_WINTER + timedelta(minutes=1))
    scheduler = make_scheduler(database_url, fake_slack, clock, "charts")
    seed(scheduler, INSTALLED_LAST_WEEK)
    scheduler.tick()
    [digest] = attempted(scheduler)
    files = fake_slack.uploaded_files
    names = [f["filename"] for f in files]
    assert {"2026-W47-north_star.png", "2026-W47-money.png", "2026-W47-error_rate.png"} <= set(names)
    assert len(names) == len(set(names))  # the demo's experiment charts too, each once
    assert all(f["thread_ts"] == digest.ts for f in files)
    assert all(f["content"].startswith(b"\x89PNG") for f in files)


def test_workspace_without_channel_gets_no_digest(database_url, fake_slack):
    clock = MovableClock(MONDAY_0900_BERLIN_WINTER + timedelta(minutes=1))
    scheduler = make_scheduler(database_url, fake_slack, clock, "nochannel")
    seed(scheduler, INSTALLED_LAST_WEEK)
    with scheduler.deps.db.session() as session:
        session.get(Workspace, DEMO_TEAM).kpi_channel = None
    scheduler.tick()
    assert fake_slack.top_level_posts() == []


def test_a_failing_chart_or_upload_never_stops_the_text_digest(database_url, fake_slack,
                                                                monkeypatch):
    from bot.digest import charts

    def broken(data):
        raise RuntimeError("chart exploded")

    monkeypatch.setitem(charts.RENDERERS, "money", broken)
    clock = MovableClock(MONDAY_0900_BERLIN_WINTER + timedelta(minutes=1))
    scheduler = make_scheduler(database_url, fake_slack, clock, "broken-chart")
    seed(scheduler, INSTALLED_LAST_WEEK)
    fake_slack.fail_next("files.completeUploadExternal", error="internal_error")
    scheduler.tick()
    assert [d.status for d in attempted(scheduler)] == ["posted"]
    assert len(fake_slack.top_level_posts()) == 1
    uploads = [c.args["filename"] for c in fake_slack.calls_to("files.getUploadURLExternal")]
    assert "2026-W47-money.png" not in uploads and "2026-W47-north_star.png" in uploads
