"""Fault injection on ingestion: SIGKILL at random (seeded) points while batches are ingested
over HTTP; every event is stored exactly once once the sender has resent every unanswered
batch. NORTHSTAR_FAULT_SEED changes the kill points."""

from __future__ import annotations

import json
import os
import random
import time

import pytest

from tests.faults.batch_sender import Sender
from tests.faults.scenario_tools import (
    ingest,
    stored_external_ids,
    workspace_with_token,
)

pytestmark = pytest.mark.faults

SEED = int(os.environ.get("NORTHSTAR_FAULT_SEED") or 20261123)


# SIGKILL while ingesting


TEAM_INGEST = "T0INGEST"
BATCHES, BATCH_SIZE, KILLS = 14, 1000, 7


def test_sigkill_while_ingesting_stores_every_event_exactly_once(database_url, northstar,
                                                                 fault_table):
    rng = random.Random(SEED)
    token = workspace_with_token(database_url, TEAM_INGEST)
    batches = [[{"type": "metric", "external_id": f"order-{b:03d}-{i:04d}",
                 "occurred_on": "2026-11-20", "metric": "revenue", "value": f"{b}.{i:02d}"}
                for i in range(BATCH_SIZE)] for b in range(BATCHES)]
    kill_at = {batch: rng.uniform(0.05, 1.3) for batch in rng.sample(range(2, BATCHES), KILLS)}
    process = northstar(database_url).start()
    sender = Sender(process, token, batches, kill_at)
    sender.run(deadline=time.monotonic() + 150)
    stored = stored_external_ids(database_url, TEAM_INGEST)
    expected = {event["external_id"] for batch in batches for event in batch}
    answered = {item["external_id"] for answer in sender.answers.values()
                for item in answer.get("accepted", []) + answer.get("duplicates", [])}
    lost = len(expected - set(stored))
    duplicates = sum(count - 1 for count in stored.values())
    reported_duplicate = sum(len(answer.get("duplicates", [])) for answer in sender.answers.values())
    median = sorted(sender.seconds)[len(sender.seconds) // 2] if sender.seconds else 0.0
    kind = "PostgreSQL" if "postgresql" in database_url else "SQLite"
    status, again = ingest(process.base_url, token, json.dumps({"events": batches[0]}).encode())
    fault_table.record(f"SIGKILL while ingesting ({kind})", process.kills, None, lost, duplicates,
                       f"seed {SEED}, {BATCHES}x{BATCH_SIZE} events, {sender.cut} requests cut, "
                       f"{reported_duplicate} answered as duplicates, median request "
                       f"{median * 1000:.0f} ms")
    assert not sender.unexpected, sender.unexpected
    assert len(sender.answers) == BATCHES, f"{BATCHES - len(sender.answers)} batches unanswered"
    assert all(not answer.get("rejected") for answer in sender.answers.values())
    assert answered == expected, (
        f"{len(expected - answered)} events neither accepted nor reported as duplicates, "
        f"e.g. {sorted(expected - answered)[:3]}; requests: " + "; ".join(sender.history))
    assert process.kills == KILLS
    assert lost == 0 and duplicates == 0, (lost, duplicates)
    assert set(stored) == expected
    assert status == 200 and len(again["duplicates"]) == BATCH_SIZE and not again["accepted"]
    assert stored_external_ids(database_url, TEAM_INGEST) == stored
