"""The scheduler ticks on the clock's whole minutes: a digest due at 09:00 is out by 09:00:20,
once, however many processes tick and whenever they started."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.digest.scheduler import start_background
from bot.digest.tick_times import aligned_trigger, next_tick_at
from tests.bot.test_scheduler import (
    INSTALLED_LAST_WEEK,
    MONDAY_0900_BERLIN_WINTER,
    make_scheduler,
    seed,
)
from tests.clock import MovableClock

NINE = MONDAY_0900_BERLIN_WINTER  # 09:00 in Berlin, the demo's digest moment
MINUTE = timedelta(minutes=1)


def test_the_next_tick_is_a_second_past_the_next_whole_minute():
    assert next_tick_at(NINE - timedelta(seconds=22.6), 60) == NINE + timedelta(seconds=1)
    assert next_tick_at(NINE + timedelta(seconds=0.5), 60) == NINE + timedelta(seconds=1)
    assert next_tick_at(NINE + timedelta(seconds=1), 60) == NINE + MINUTE + timedelta(seconds=1)
    assert next_tick_at(NINE + timedelta(seconds=7), 10) == NINE + timedelta(seconds=11)


def test_the_trigger_fires_on_the_minutes_of_the_process_clock_not_at_its_start():
    clock = MovableClock(NINE - timedelta(seconds=37.4))  # a fake clock, hours off the real one
    real_now = datetime(2030, 5, 6, 12, 0, 10, tzinfo=UTC)
    trigger = aligned_trigger(60, clock, real_now)
    first = trigger.get_next_fire_time(None, real_now)
    assert first - real_now == timedelta(seconds=38.4)  # 09:00:01 on the process's clock
    second = trigger.get_next_fire_time(first, first + timedelta(seconds=3))
    third = trigger.get_next_fire_time(second, second + timedelta(seconds=59))
    assert (second - first, third - second) == (MINUTE, MINUTE)
    off_the_grid = first + timedelta(seconds=15)  # the tick at start-up, or a late one
    assert trigger.get_next_fire_time(off_the_grid, off_the_grid) == second
    assert trigger.get_next_fire_time(second, second) == third


def test_the_background_jobs_run_at_once_then_on_the_whole_minute(database_url, fake_slack):
    scheduler = make_scheduler(database_url, fake_slack, MovableClock(NINE - timedelta(seconds=20)),
                               "aligned")
    real_start = datetime.now(UTC)
    background = start_background(scheduler)
    try:
        jobs = {job.func.__qualname__: job for job in background.get_jobs()}
    finally:
        background.shutdown(wait=False)
    digest, nudges = jobs["DigestScheduler.tick"], jobs["NudgeJob.tick"]
    until_nine = nudges.next_run_time - real_start
    assert timedelta(seconds=20) < until_nine < timedelta(seconds=21.5)
    # the digest tick ran at once (or is about to); after it, the same whole minute
    assert digest.next_run_time - real_start < timedelta(seconds=5) or (
        digest.next_run_time == nudges.next_run_time)
    after_start = digest.trigger.get_next_fire_time(real_start, real_start + timedelta(seconds=2))
    assert after_start == nudges.next_run_time


def test_a_digest_due_at_nine_is_posted_by_twenty_past_once_across_processes(database_url,
                                                                             fake_slack):
    clock = MovableClock(NINE - timedelta(seconds=42))  # both processes started at 08:59:18
    first = make_scheduler(database_url, fake_slack, clock, "one")
    second = make_scheduler(database_url, fake_slack, clock, "two")
    seed(first, INSTALLED_LAST_WEEK)
    assert first.tick() == [] and second.tick() == []
    clock.current = next_tick_at(clock(), 60)
    posted = first.tick() + second.tick()
    assert len(posted) == 1 and clock() - NINE <= timedelta(seconds=20)
    assert len(fake_slack.top_level_posts()) == 1
    clock.current = next_tick_at(clock(), 60)
    assert first.tick() == [] and second.tick() == []
    assert len(fake_slack.top_level_posts()) == 1
