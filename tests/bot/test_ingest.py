"""The ingestion endpoint, as Zapier or curl would call it."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from storage.models import Workspace
from storage.workspaces import rotate_ingest_token
from tests.bot.helpers import live_entries


def make_token(bot, team: str = "T0ACCEPT") -> str:
    with bot.db.session() as session:
        workspace = session.get(Workspace, team) or Workspace(
            id=team, created_at=datetime(2026, 1, 1, tzinfo=UTC))
        session.add(workspace)
        session.flush()
        return rotate_ingest_token(session, workspace)


def post(bot, body: bytes | dict | list, token: str | None) -> tuple[int, dict]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(f"{bot.base_url}/ingest/v1/events", data=data,
                                     headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


ORDER = {"type": "metric", "external_id": "order-1", "occurred_on": "2026-11-20",
         "metric": "revenue", "value": "89.90", "channel": "shop"}
FEE = {"type": "cost", "external_id": "fee-1", "occurred_at": "2026-11-20T23:30:00+00:00",
       "amount": 1.55, "category": "fees"}


@pytest.mark.postgres  # smoke test on both databases
def test_batch_is_stored_and_answered_by_index(bot):
    token = make_token(bot)
    bad = {"type": "cost", "external_id": "bad-1", "occurred_on": "2026-11-20", "amount": -3}
    status, answer = post(bot, {"events": [ORDER, FEE, bad]}, token)
    assert status == 200
    assert answer["accepted"] == [{"index": 0, "external_id": "order-1"},
                                  {"index": 1, "external_id": "fee-1"}]
    assert answer["rejected"][0]["index"] == 2 and answer["rejected"][0]["error"]
    revenue, fee = live_entries(bot.db)
    assert revenue.quantity == Decimal("89.90") and revenue.source == "ingest"
    assert fee.occurred_on.isoformat() == "2026-11-21"


def test_sending_again_reports_duplicates_and_stores_nothing_new(bot):
    token = make_token(bot)
    post(bot, [ORDER], token)
    status, answer = post(bot, [ORDER, ORDER], token)
    assert status == 200
    assert answer["accepted"] == [] and len(answer["duplicates"]) == 2
    assert len(live_entries(bot.db)) == 1


@pytest.mark.postgres  # smoke test on both databases
def test_same_batch_from_two_threads_is_stored_once(bot):
    token = make_token(bot)
    batch = [dict(ORDER, external_id=f"order-{i}") for i in range(200)]
    results = []
    threads = [threading.Thread(target=lambda: results.append(post(bot, batch, token)))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _ in results] == [200, 200]
    assert sum(len(answer["accepted"]) for _, answer in results) == 200
    assert len(live_entries(bot.db)) == 200


@pytest.mark.parametrize("token", [None, "wrong", "nst_not-a-real-token"])
def test_wrong_or_missing_token_is_401(bot, token):
    make_token(bot)
    status, answer = post(bot, [ORDER], token)
    assert status == 401 and "token" in answer["error"]
    assert live_entries(bot.db) == []


def test_another_workspaces_token_stores_there_not_here(bot):
    make_token(bot, "T0ACCEPT")
    other = make_token(bot, "T0OTHER")
    post(bot, [ORDER], other)
    assert live_entries(bot.db, "T0ACCEPT") == []
    assert len(live_entries(bot.db, "T0OTHER")) == 1


def test_rotation_invalidates_the_old_token(bot):
    old = make_token(bot)
    new = make_token(bot)
    assert post(bot, [ORDER], old)[0] == 401
    assert post(bot, [ORDER], new)[0] == 200


def test_malformed_json_names_the_position(bot):
    status, answer = post(bot, b'{"events": [ {"type": "cost",, }]}', make_token(bot))
    assert status == 400 and "line 1 column" in answer["error"]


def test_body_over_one_megabyte_is_413(bot):
    big = {"events": [dict(ORDER, description="x" * 2000, external_id=f"o{i}")
                      for i in range(600)]}
    status, _ = post(bot, big, make_token(bot))
    assert status == 413
    assert live_entries(bot.db) == []


@pytest.mark.parametrize("event", [
    dict(ORDER, value=True),
    dict(ORDER, value="12,3,4"),
    dict(ORDER, unknown_field=1),
    dict(ORDER, metric="ordrs"),
    dict(ORDER, occurred_on="2031-01-01"),
    dict(ORDER, occurred_on="2026-02-31"),
    dict(ORDER, description="x" * 5000),
    dict(FEE, currency="USD"),
    {"type": "note", "external_id": "n", "occurred_on": "2026-11-20", "text": ""},
    {"type": "alien", "external_id": "a", "occurred_on": "2026-11-20"},
    "not an object",
])
def test_hostile_events_are_rejected_with_a_reason(bot, event):
    status, answer = post(bot, [event], make_token(bot))
    assert status == 200
    assert len(answer["rejected"]) == 1 and answer["rejected"][0]["error"]
    assert live_entries(bot.db) == []
