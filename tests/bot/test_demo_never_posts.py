"""The demo's sample business is never posted for: no digest, no retry, no nudge, not on request,
even when `northstar run` is pointed at an old database that holds it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.app import web_client
from bot.digest.scheduler import DigestScheduler
from bot.nudge_sender import NudgeJob
from bot.process_config import BotConfig
from ritual.deps import Deps
from storage.db import Database
from storage.models import Workspace
from storage.sample_business import DEMO_TEAM, seed_sample_business
from storage.sample_ritual import seed_posted_digests
from tests.bot.conftest import BOT_TOKEN, MovableClock

SUNDAY_1501_BERLIN = datetime(2026, 11, 22, 14, 1, tzinfo=UTC)
MONDAY_0901_BERLIN = datetime(2026, 11, 23, 8, 1, tzinfo=UTC)
INSTALLED = datetime(2026, 10, 1, tzinfo=UTC)
SLACK_WRITES = ("chat.postMessage", "conversations.open", "files.upload", "files.completeUploadExternal")


def bot_jobs(database_url: str, fake_slack, clock: MovableClock, demo: bool):
    db = Database(database_url)
    with db.session() as session:
        workspace = seed_sample_business(session, date(2026, 11, 23), INSTALLED)
        workspace.created_at, workspace.demo = INSTALLED, demo
    config = BotConfig(bot_token=BOT_TOKEN, signing_secret="s", app_token=None,
                       api_url=fake_slack.api_url, database_url=database_url)
    client = web_client(config)
    deps = Deps(db=db, clock=clock)
    return DigestScheduler(deps, client, name="test"), NudgeJob(deps, client, "test")


def slack_writes(fake_slack) -> list[str]:
    return [call.method for call in fake_slack.calls if call.method in SLACK_WRITES]


@pytest.mark.parametrize("demo", [False, True], ids=["a real workspace", "the demo"])
def test_the_due_digest_and_nudges_go_out_only_for_a_real_workspace(database_url, fake_slack,
                                                                     demo):
    clock = MovableClock(SUNDAY_1501_BERLIN)
    digests, nudges = bot_jobs(database_url, fake_slack, clock, demo)
    nudged = nudges.tick()
    clock.current = MONDAY_0901_BERLIN
    posted = digests.tick()
    if demo:
        assert (nudged, posted, slack_writes(fake_slack)) == ([], [], [])
    else:
        assert nudged and posted == [DEMO_TEAM] and "chat.postMessage" in slack_writes(fake_slack)


@pytest.mark.parametrize("demo", [False, True], ids=["a real workspace", "the demo"])
def test_charts_left_over_in_an_old_database_are_uploaded_only_for_a_real_workspace(
        sqlite_url, fake_slack, demo):
    from sqlalchemy import select, update

    from storage.models import Digest

    digests, _ = bot_jobs(sqlite_url, fake_slack, MovableClock(SUNDAY_1501_BERLIN), demo)
    with digests.deps.db.session() as session:
        seed_posted_digests(session, session.get(Workspace, DEMO_TEAM), date(2026, 11, 23))
        session.flush()
        newest = session.scalar(select(Digest.id).order_by(Digest.week.desc()).limit(1))
        session.execute(update(Digest).where(Digest.id == newest).values(
            charts_status="failed", charts_next_at=INSTALLED))
    posted = digests.tick()
    with digests.deps.db.reader() as session:
        status = session.get(Digest, newest).charts_status
    if demo:
        assert (posted, status, slack_writes(fake_slack)) == ([], "failed", [])
    else:
        assert status == "done"


def test_posting_the_demo_on_request_is_refused(sqlite_url, fake_slack):
    digests, _ = bot_jobs(sqlite_url, fake_slack, MovableClock(MONDAY_0901_BERLIN), demo=True)
    assert digests.post_now(DEMO_TEAM).code == "digest_demo"
    assert slack_writes(fake_slack) == []


def test_an_old_database_with_the_demo_in_it_marks_it_on_upgrade(tmp_path):
    from sqlalchemy import text

    from storage.migrate import upgrade

    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(db.engine, "0008")
    with db.engine.begin() as connection:
        for team in (DEMO_TEAM, "T0REAL"):
            connection.execute(text(
                "INSERT INTO workspaces (id, timezone, language, currency, kpi_channel, "
                "digest_weekday, digest_time, north_star, payback_ceiling, comment_weight, "
                "created_at, retention_days, next_digest_at) VALUES (:id, 'Europe/Berlin', 'de', "
                "'EUR', 'C0KPI', 0, '09:00', 'contribution_per_customer_month', 12, 5, "
                "'2026-10-01 00:00:00', 30, '2026-10-01 00:00:00')"), {"id": team})
    db.upgrade()
    with db.reader() as session:
        assert session.get(Workspace, DEMO_TEAM).demo is True
        assert session.get(Workspace, "T0REAL").demo is False
    db.dispose()
