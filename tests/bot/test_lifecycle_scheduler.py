"""An uninstalled workspace gets no digest: not from the tick, not from a claim made just
before the uninstall, not its charts; a reinstall takes the held claim up again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.digest.scheduler import start_background
from ritual.lifecycle import purge_expired, reinstated, uninstalled
from ritual.schedule import claim_due
from storage.models import Digest
from storage.sample_business import DEMO_TEAM
from tests.bot.conftest import MovableClock
from tests.bot.test_scheduler import (
    INSTALLED_LAST_WEEK,
    MONDAY_0900_BERLIN_WINTER,
    digests,
    make_scheduler,
    seed,
)


def scheduler_at_nine(database_url, fake_slack):
    clock = MovableClock(MONDAY_0900_BERLIN_WINTER + timedelta(minutes=1))
    scheduler = make_scheduler(database_url, fake_slack, clock, "one")
    seed(scheduler, INSTALLED_LAST_WEEK)
    return scheduler, clock


def test_the_tick_posts_nothing_for_an_uninstalled_workspace(database_url, fake_slack):
    scheduler, clock = scheduler_at_nine(database_url, fake_slack)
    uninstalled(scheduler.deps, DEMO_TEAM, "app_uninstalled")
    assert scheduler.tick() == []
    clock.advance(days=7)
    assert scheduler.tick() == []
    assert fake_slack.calls_to("chat.postMessage") == []
    assert [d for d in digests(scheduler) if d.status != "skipped"] == []


@pytest.mark.postgres  # smoke test on both databases
def test_a_digest_claimed_just_before_is_held_and_posted_once_after_a_reinstall(
        database_url, fake_slack):
    scheduler, clock = scheduler_at_nine(database_url, fake_slack)
    deps = scheduler.deps
    digest_id = claim_due(deps, DEMO_TEAM, "one", clock())
    uninstalled(deps, DEMO_TEAM, "tokens_revoked")
    assert scheduler.post(DEMO_TEAM, digest_id, clock()) is False
    assert fake_slack.calls_to("chat.postMessage") == []
    with deps.db.reader() as session:
        held = session.get(Digest, digest_id)
        assert (held.status, held.error, held.ts) == ("failed", "app uninstalled", None)
    assert scheduler.tick() == []
    reinstated(deps, DEMO_TEAM)
    clock.advance(minutes=1)
    assert scheduler.tick() == [DEMO_TEAM]
    assert scheduler.tick() == []
    assert len(fake_slack.messages_in("C0KPI")) == 1
    assert fake_slack.calls_to("conversations.history"), "a retried claim looks for its message"


def test_charts_of_a_posted_digest_wait_while_uninstalled(database_url, fake_slack):
    scheduler, clock = scheduler_at_nine(database_url, fake_slack)
    fake_slack.fail_next("files.getUploadURLExternal", "internal_error", times=10)
    assert scheduler.tick() == [DEMO_TEAM]
    [posted] = [d for d in digests(scheduler) if d.status == "posted"]
    uploads = len(fake_slack.calls_to("files.getUploadURLExternal"))
    fake_slack.clear_failures()
    uninstalled(scheduler.deps, DEMO_TEAM, "app_uninstalled")
    clock.advance(hours=2)
    scheduler.tick()
    assert scheduler.retry_charts(posted.id, clock()) is False
    assert len(fake_slack.calls_to("files.getUploadURLExternal")) == uploads
    reinstated(scheduler.deps, DEMO_TEAM)
    assert scheduler.retry_charts(posted.id, clock()) is True


def test_the_purge_runs_as_its_own_scheduler_job(database_url, fake_slack, monkeypatch):
    monkeypatch.setenv("NORTHSTAR_PURGE_SECONDS", "7200")
    scheduler, _ = scheduler_at_nine(database_url, fake_slack)
    background = start_background(scheduler)
    try:
        job = background.get_job("purge_expired")
        assert job.func is purge_expired and job.args == (scheduler.deps,)
        assert job.trigger.interval == timedelta(hours=2)
    finally:
        background.shutdown(wait=True)
