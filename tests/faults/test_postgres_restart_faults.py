"""PostgreSQL restarted under a running bot (issue 20): while a due digest is being posted, and
while a client pushes batches of events. The digest is posted exactly once; every event is
stored exactly once. The server is the test's own (restartable_pg), started for this module."""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Iterator
from datetime import date

import pytest

from storage.db import Database
from storage.sample_business import seed_sample_business
from tests.fake_slack import UPLOAD
from tests.faults.batch_sender import Sender
from tests.faults.digest_seen import (
    AFTER_STALE,
    MovableClock,
    assert_posted_exactly_once,
    in_process_scheduler,
    seen,
)
from tests.faults.restartable_pg import RestartablePostgres, restartable_server
from tests.faults.scenario_tools import (
    CHANNEL,
    INSTALLED,
    MONDAY_0901_BERLIN,
    ingest,
    stored_external_ids,
    wait_until,
    workspace_with_token,
)
from tests.faults.test_ingest_faults import SEED

pytestmark = [pytest.mark.faults, pytest.mark.postgres]

SECONDS_DOWN = 2.0


@pytest.fixture(scope="module")
def restartable_pg() -> Iterator[RestartablePostgres]:
    with restartable_server() as server:
        yield server


@pytest.fixture
def seeded_pg(restartable_pg) -> str:
    """A migrated database on the restartable server with the demo business."""
    url = restartable_pg.new_database()
    db = Database(url)
    with db.session() as session:
        workspace = seed_sample_business(session, date(2026, 11, 23), INSTALLED)
        workspace.created_at = INSTALLED
    db.dispose()
    return url


@pytest.mark.parametrize("step", ["chat.postMessage", UPLOAD],
                         ids=["while-posting", "while-uploading-a-chart"])
def test_postgres_restarted_during_a_due_tick_posts_the_digest_once(
        step, seeded_pg, restartable_pg, fake_slack, northstar, fault_table):
    """Slack holds its answer to the digest's message (or first chart) while the server goes
    down for SECONDS_DOWN and comes back; the running bot records it and finishes."""
    fake_slack.delay_next(step, seconds=120)
    process = northstar(seeded_pg).start(MONDAY_0901_BERLIN)
    fake_slack.wait_held(step, timeout=60)
    took = restartable_pg.restart(SECONDS_DOWN)
    fake_slack.release()
    wait_until(lambda: seen(fake_slack, seeded_pg).complete, 60, interval=0.2)
    time.sleep(3)  # three more ticks
    digest = seen(fake_slack, seeded_pg)
    what = "the digest's message" if step == "chat.postMessage" else "a chart upload"
    fault_table.record(f"PostgreSQL restarted while {what} is in flight", 1,
                       len(digest.messages), digest.lost, digest.duplicates,
                       f"down {took:.1f} s, same process; " + digest.note)
    assert process.alive(), process.log_tail()
    assert_posted_exactly_once(digest, fake_slack)


def test_postgres_down_when_slack_answers_the_digest_is_adopted_not_reposted(
        seeded_pg, restartable_pg, fake_slack, fault_table):
    """The message exists in Slack but its ts cannot be stored (the server is down when Slack
    answers): the claim goes stale, and the next attempt finds the message and adopts it."""
    clock = MovableClock(MONDAY_0901_BERLIN)
    scheduler = in_process_scheduler(seeded_pg, fake_slack, clock)
    errors: list[BaseException] = []

    def tick() -> None:
        try:
            scheduler.tick()
        except Exception as error:  # noqa: BLE001 - a tick that meets the server down
            errors.append(error)

    fake_slack.delay_next("chat.postMessage", seconds=120)
    try:
        ticking = threading.Thread(target=tick)
        ticking.start()
        fake_slack.wait_held("chat.postMessage", timeout=60)
        restart = restartable_pg.restart_in_background(seconds_down=4)
        fake_slack.release()
        ticking.join(60)
        assert restart.wait(60) == 0
        before = seen(fake_slack, seeded_pg)
        for _ in range(3):  # the claim is still fresh: nothing happens
            scheduler.tick()
        early = len(fake_slack.messages_in(CHANNEL))
        clock.advance(AFTER_STALE)
        for _ in range(3):
            scheduler.tick()
    finally:
        scheduler.deps.db.dispose()
    digest = seen(fake_slack, seeded_pg)
    fault_table.record("PostgreSQL down when Slack answers the digest's message", 1,
                       len(digest.messages), digest.lost, digest.duplicates,
                       f"in-process scheduler; row {before.row.status if before.row else None} "
                       f"after the restart, clock moved +{AFTER_STALE}; " + digest.note)
    assert before.row is not None and before.row.status == "claimed", before.row
    assert len(before.messages) == 1 and early == 1
    assert_posted_exactly_once(digest, fake_slack)


TEAM_PG = "T0PGBATCH"
BATCHES, BATCH_SIZE, RESTARTS = 10, 500, 4


def test_postgres_restarted_during_ingestion_batches_stores_every_event_once(
        restartable_pg, northstar, fault_table):
    """A client pushes batches and retries each until it is answered (503: after a moment);
    the server restarts inside some of the requests."""
    url = restartable_pg.new_database()
    rng = random.Random(SEED)
    token = workspace_with_token(url, TEAM_PG)
    batches = [[{"type": "metric", "external_id": f"pg-{b:03d}-{i:04d}",
                 "occurred_on": "2026-11-20", "metric": "revenue", "value": f"{b}.{i:02d}"}
                for i in range(BATCH_SIZE)] for b in range(BATCHES)]
    restart_at = {batch: rng.uniform(0.05, 1.3)
                  for batch in rng.sample(range(2, BATCHES), RESTARTS)}
    process = northstar(url).start()
    restarts: list[float] = []
    sender = Sender(process, token, batches, restart_at,
                    fault=lambda: restarts.append(restartable_pg.restart(0.5)))
    sender.run(deadline=time.monotonic() + 150)
    stored = stored_external_ids(url, TEAM_PG)
    expected = {event["external_id"] for batch in batches for event in batch}
    answered = {item["external_id"] for answer in sender.answers.values()
                for item in answer.get("accepted", []) + answer.get("duplicates", [])}
    accepted = sum(len(answer.get("accepted", [])) for answer in sender.answers.values())
    lost = len(expected - set(stored))
    duplicates = sum(count - 1 for count in stored.values()) + max(0, accepted - len(expected))
    status, again = ingest(process.base_url, token, json.dumps({"events": batches[0]}).encode())
    fault_table.record("PostgreSQL restarted during ingestion batches", len(restarts), None, lost,
                       duplicates, f"seed {SEED}, {BATCHES}x{BATCH_SIZE} events, "
                       f"{sender.unavailable} answers 503, {sender.cut} requests cut, "
                       f"restarts took {min(restarts, default=0):.1f}-"
                       f"{max(restarts, default=0):.1f} s")
    assert not sender.unexpected, sender.unexpected
    assert len(sender.answers) == BATCHES, f"{BATCHES - len(sender.answers)} batches unanswered"
    assert all(not answer.get("rejected") for answer in sender.answers.values())
    assert answered == expected, f"{len(expected - answered)} events never answered"
    assert len(restarts) == RESTARTS
    assert process.alive(), process.log_tail()
    assert lost == 0 and duplicates == 0, (lost, duplicates)
    assert status == 200 and len(again["duplicates"]) == BATCH_SIZE and not again["accepted"]
