"""Exactly once, whatever fails: a digest's message is posted once; charts are their own step."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from metrics.weeks import IsoWeek
from ritual.deps import Deps
from ritual.digest_posting import PostOutcome, SendFailed, post_now
from ritual.schedule import tick
from storage.db import Database
from storage.digests import STALE_CLAIM
from storage.models import Digest
from storage.owners import pause_weeks, unpause_from
from storage.sample_business import DEMO_TEAM, seed_sample_business

MONDAY = datetime(2026, 11, 23, 8, 5, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class FlakySlack:
    """A sender that records what exists in 'Slack' and fails on cue."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str, str]] = []  # channel, ts, week
        self.charts: list[str] = []
        self.fail_send: list[str] = []  # "before" (nothing posted) or "after" (posted, then reset)
        self.fail_charts = 0

    def send(self, data, channel):
        mode = self.fail_send.pop(0) if self.fail_send else None
        if mode == "before":
            raise SendFailed("internal_error")
        ts = f"{len(self.messages) + 1}.0001"
        self.messages.append((channel, ts, str(data.week)))
        if mode == "after":
            raise ConnectionResetError("reset after Slack stored the message")
        if mode == "crash":
            raise KeyboardInterrupt  # the process dies here: nothing after it runs
        return channel, ts

    def find(self, channel, workspace_id, week):
        return next(((c, ts) for c, ts, w in self.messages if c == channel and w == week), None)

    def post_thread(self, data, channel, ts, retry):
        if self.fail_charts:
            self.fail_charts -= 1
            raise TimeoutError("upload URL timed out")
        self.charts.append(ts)


@pytest.fixture
def ritual(sqlite_url):
    db = Database(sqlite_url)
    db.upgrade()
    clock = Clock(datetime(2026, 11, 20, tzinfo=UTC))
    with db.session() as session:
        workspace = seed_sample_business(session, date(2026, 11, 23), clock.now)
        workspace.created_at = clock.now
    clock.now = MONDAY
    return Deps(db=db, clock=clock), clock


def run_tick(deps: Deps, slack: FlakySlack, name: str = "p1") -> list[str]:
    from ritual.digest_posting import post_charts, post_claimed

    return tick(deps, lambda w, d, now: post_claimed(deps, slack, w, d, now), name,
                lambda d, now: post_charts(deps, slack, d, now))


def the_digest(deps: Deps) -> Digest:
    with deps.db.reader() as session:
        return session.scalars(select(Digest).where(Digest.status != "skipped")).one()


def test_a_failing_chart_upload_never_posts_the_digest_again(ritual):
    deps, clock = ritual
    slack = FlakySlack()
    slack.fail_charts = 3
    for _ in range(6):
        run_tick(deps, slack)
        clock.now += timedelta(minutes=20)
    assert len(slack.messages) == 1 and len(slack.charts) == 1
    assert the_digest(deps).charts_status == "done"


def test_a_reset_after_slack_stored_the_message_is_adopted_not_posted_again(ritual):
    deps, clock = ritual
    slack = FlakySlack()
    slack.fail_send = ["after"]
    run_tick(deps, slack)
    assert the_digest(deps).status == "failed"
    clock.now += timedelta(minutes=5)
    run_tick(deps, slack)
    digest = the_digest(deps)
    assert len(slack.messages) == 1 and (digest.status, digest.ts) == ("posted", "1.0001")
    assert slack.charts == ["1.0001"]


def test_a_crash_between_posting_and_recording_is_adopted_after_the_stale_claim(ritual):
    deps, clock = ritual
    slack = FlakySlack()
    slack.fail_send = ["crash"]
    with pytest.raises(KeyboardInterrupt):
        run_tick(deps, slack, "dies")
    assert the_digest(deps).status == "claimed"
    clock.now += STALE_CLAIM - timedelta(minutes=1)
    run_tick(deps, slack, "restarted")
    assert len(slack.messages) == 1 and the_digest(deps).status == "claimed"
    clock.now += timedelta(minutes=2)
    run_tick(deps, slack, "restarted")
    assert len(slack.messages) == 1 and the_digest(deps).status == "posted"
    assert len(slack.charts) == 1


def test_slack_refusing_before_posting_is_retried_with_backoff_and_posts_once(ritual):
    deps, clock = ritual
    slack = FlakySlack()
    slack.fail_send = ["before", "before"]
    for _ in range(8):
        run_tick(deps, slack)
        clock.now += timedelta(minutes=5)
    assert len(slack.messages) == 1 and the_digest(deps).status == "posted"


def test_one_broken_workspace_does_not_stop_the_others(ritual):
    deps, clock = ritual
    from storage.models import Workspace

    with deps.db.session() as session:
        session.add(Workspace(id="TBROKEN", created_at=datetime(2026, 11, 1, tzinfo=UTC),
                              kpi_channel="C0X", timezone="Mars/Base"))
    slack = FlakySlack()
    posted = run_tick(deps, slack)
    assert len(slack.messages) == 1 and posted and "TBROKEN" not in posted


def test_posting_a_paused_week_on_request_is_refused_and_claims_nothing(ritual):
    deps, clock = ritual
    slack = FlakySlack()
    with deps.db.session() as session:
        pause_weeks(session, DEMO_TEAM, ["2026-W47"], "U0OWNER", clock.now)
    assert post_now(deps, slack, DEMO_TEAM) == PostOutcome("digest_paused", {"week": "2026-W47"})
    assert post_now(deps, slack, DEMO_TEAM, IsoWeek(2026, 47)).code == "digest_paused"
    with deps.db.reader() as session:
        assert session.scalars(select(Digest).where(Digest.week == "2026-W47")).all() == []
    assert slack.messages == []
    with deps.db.session() as session:
        unpause_from(session, DEMO_TEAM, "2026-W47")
    assert post_now(deps, slack, DEMO_TEAM) == PostOutcome("digest_posted")
    assert [week for _, _, week in slack.messages] == ["2026-W47"]
