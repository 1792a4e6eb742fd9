"""Dates as Zapier, Make and n8n send them, through the ingestion endpoint."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from tests.bot.helpers import live_entries
from tests.bot.test_ingest import make_token, post

EVENTS = [
    {"type": "metric", "external_id": "german", "occurred_on": "19.11.2026", "metric": "orders",
     "value": 1},
    {"type": "metric", "external_id": "zulu", "occurred_at": "2026-11-18T09:00:00Z",
     "metric": "orders", "value": 1},
    {"type": "metric", "external_id": "millis", "metric": "orders", "value": 1,
     "occurred_at": int(datetime(2026, 11, 16, 23, 30, tzinfo=UTC).timestamp() * 1000)},
    {"type": "metric", "external_id": "undated", "metric": "orders", "value": 1},
    {"type": "metric", "external_id": "naive", "occurred_at": "2026-11-18T09:00:00",
     "metric": "orders", "value": 1},
]


def test_each_form_is_stored_on_its_day_and_a_time_without_offset_is_refused(bot):
    status, answer = post(bot, EVENTS, make_token(bot))
    assert status == 200
    assert [item["external_id"] for item in answer["accepted"]] == [
        "german", "zulu", "millis", "undated"]
    assert answer["rejected"][0]["index"] == 4 and "2026-11-18T09:00:00" in answer["rejected"][0]["error"]
    days = {entry.external_id: entry.occurred_on.isoformat() for entry in live_entries(bot.db)}
    today_in_berlin = bot.clock().astimezone(ZoneInfo("Europe/Berlin")).date().isoformat()
    assert days == {"german": "2026-11-19", "zulu": "2026-11-18", "millis": "2026-11-17",
                    "undated": today_in_berlin}
