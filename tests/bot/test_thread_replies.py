"""Replies in a digest's thread become notes of its week: classified, edited, deleted, once."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest

from storage.models import Digest, Workspace
from tests.bot.helpers import live_entries
from tests.slack_requests import load_payload

DIGEST_TS = "1726133698.626339"


@pytest.fixture
def posted_digest(bot):
    now = datetime(2026, 11, 23, 8, tzinfo=UTC)
    with bot.db.session() as session:
        session.add(Workspace(id="T0ACCEPT", created_at=now, kpi_channel="C0KPI"))
        session.flush()
        session.add(Digest(workspace_id="T0ACCEPT", week="2026-W47", status="posted",
                           claimed_at=now, channel="C0KPI", ts=DIGEST_TS))
    return bot


def reply(text: str, ts: str = "1726133700.887259", event_id: str = "Ev111", **extra) -> dict:
    payload = copy.deepcopy(load_payload("event_thread_reply"))
    payload["event_id"] = event_id
    payload["event"].update({"text": text, "ts": ts, "event_ts": ts, **extra})
    return payload


@pytest.mark.parametrize(("text", "kind", "stored"), [
    ("1 Newsletter brought 12 orders", "value", "Newsletter brought 12 orders"),
    ("wert: Bundle sold well", "value", "Bundle sold well"),
    ("2) Supplier late", "blocker", "Supplier late"),
    ("Blocker: packing errors", "blocker", "packing errors"),
    ("3. Free shipping raises basket", "hypothesis", "Free shipping raises basket"),
    ("hypothesis: checklist halves rework", "hypothesis", "checklist halves rework"),
    ("Just context here", "context", "Just context here"),
])
def test_reply_is_classified_and_dated_in_the_digest_week(posted_digest, text, kind, stored):
    status, _, _ = posted_digest.slack.event(reply(text))
    assert status == 200
    [note] = wait_for_notes(posted_digest, 1)
    assert (note.note_kind, note.description, note.source) == (kind, stored, "thread")
    assert note.occurred_on.isoformat() == "2026-11-22"


def wait_for_notes(bot, count: int, timeout: float = 5.0):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        notes = live_entries(bot.db)
        if len(notes) >= count:
            return notes
        time.sleep(0.02)
    return live_entries(bot.db)


def test_retried_event_is_stored_once(posted_digest):
    posted_digest.slack.event(reply("1 value"))
    posted_digest.slack.event(reply("1 value"), retry_num=1)
    posted_digest.slack.event(reply("1 value", event_id="Ev222"))
    assert len(wait_for_notes(posted_digest, 2, timeout=1.0)) == 1


def test_thread_broadcast_reply_counts_too(posted_digest):
    posted_digest.slack.event(reply("2 blocked", subtype="thread_broadcast"))
    [note] = wait_for_notes(posted_digest, 1)
    assert note.note_kind == "blocker"


def test_edited_reply_updates_and_deleted_reply_removes_its_note(posted_digest):
    posted_digest.slack.event(reply("1 first version"))
    wait_for_notes(posted_digest, 1)
    changed = copy.deepcopy(load_payload("event_message_changed"))
    changed["event_id"] = "EvChanged"
    changed["event"]["channel"] = "C0KPI"
    changed["event"]["message"].update({"ts": "1726133700.887259", "text": "2 now a blocker",
                                        "thread_ts": DIGEST_TS})
    posted_digest.slack.event(changed)
    import time

    for _ in range(100):
        [note] = live_entries(posted_digest.db)
        if note.note_kind == "blocker":
            break
        time.sleep(0.02)
    assert (note.note_kind, note.description) == ("blocker", "now a blocker")
    deleted = copy.deepcopy(load_payload("event_message_deleted"))
    deleted["event_id"] = "EvDeleted"
    deleted["event"].update({"channel": "C0KPI", "deleted_ts": "1726133700.887259"})
    posted_digest.slack.event(deleted)
    for _ in range(100):
        if not live_entries(posted_digest.db):
            break
        time.sleep(0.02)
    assert live_entries(posted_digest.db) == []


def test_bot_replies_and_other_threads_are_ignored(posted_digest):
    posted_digest.slack.event(reply("1 from a bot", bot_id="B0OTHER"))
    posted_digest.slack.event(reply("1 elsewhere", thread_ts="1111.2222", event_id="Ev3"))
    assert wait_for_notes(posted_digest, 1, timeout=0.5) == []


def test_remembered_event_ids_are_forgotten_after_two_days(posted_digest):
    from sqlalchemy import func, select

    from storage.events import forget_old_events
    from storage.models import ProcessedEvent

    posted_digest.slack.event(reply("1 value"))
    wait_for_notes(posted_digest, 1)
    posted_digest.clock.advance(days=3)
    forget_old_events(posted_digest.db, posted_digest.clock())
    with posted_digest.db.session() as session:
        assert session.scalar(select(func.count()).select_from(ProcessedEvent)) == 0


def test_a_reply_naming_a_bend_week_is_a_note_of_that_week(posted_digest):
    posted_digest.slack.event(reply("KW 27: ein Café bestellt seitdem jeden Tag"))
    [note] = wait_for_notes(posted_digest, 1)
    assert (note.note_kind, note.description) == ("context", "ein Café bestellt seitdem jeden Tag")
    assert note.occurred_on.isoformat() == "2026-07-05"  # Sunday of 2026-W27, not the digest's week
