"""Fault injection on commands: SQLite's write lock held by another process for 10 s while slash
commands arrive (every command answered, stored exactly when the answer said so); hostile input
(answered with a reason, the database unchanged where it must be)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime

import pytest
from slack_sdk.models.blocks import Block
from sqlalchemy import func, select

from storage.db import Database
from storage.models import Entry
from tests.faults.scenario_tools import (
    CHANNEL,
    MONDAY_0901_BERLIN,
    answer_text,
    classify,
    ingest,
    snippet,
    stored_external_ids,
    wait_until,
    workspace_with_token,
)
from tests.slack_requests import SlackClient, load_payload
from tests.sqlite_lock import LOCKER

pytestmark = pytest.mark.faults

# SQLite's write lock held by another process while commands arrive


def test_commands_while_another_process_holds_the_sqlite_write_lock(sqlite_url, northstar,
                                                                    fault_table):
    path = sqlite_url.removeprefix("sqlite:///")
    process = northstar(sqlite_url).start(datetime(2026, 11, 20, 10, 30, tzinfo=UTC))
    slack = SlackClient(process.base_url, "fault-signing-secret")
    assert classify(*slack.command("/cost", "1,00 tools warmup")[:2]) == "saved"
    locker = subprocess.Popen([sys.executable, "-c", LOCKER, path, "10"], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert locker.stdout.readline().strip() == "locked"
        locked_at = time.monotonic()
        results: dict[int, tuple[str, float, int]] = {}

        def send(number: int) -> None:
            started = time.monotonic()
            try:
                status, body, _ = slack.command("/cost", f"2,{number:02d} tools lock-{number:02d}")
            except OSError as error:
                status, body = 0, repr(error)
            results[number] = (classify(status, body), time.monotonic() - started, status)

        threads = []
        for number in range(14):  # one every 0.8 s while the lock is held (and just after)
            thread = threading.Thread(target=send, args=(number,))
            thread.start()
            threads.append(thread)
            time.sleep(max(0.0, locked_at + 0.8 * (number + 1) - time.monotonic()))
        for thread in threads:
            thread.join(30)
        assert locker.wait(30) == 0
    finally:
        locker.kill()
    time.sleep(0.5)
    db = Database(sqlite_url)
    try:
        with db.reader() as session:
            stored = Counter(session.scalars(select(Entry.description).where(
                Entry.description.like("lock-%"))))
    finally:
        db.dispose()
    saved = {f"lock-{n:02d}" for n, (kind, _, _) in results.items() if kind == "saved"}
    lost = len(saved - set(stored))
    duplicates = sum(count - 1 for count in stored.values()) + len(set(stored) - saved)
    kinds = Counter(kind for kind, _, _ in results.values())
    slowest = max(seconds for _, seconds, _ in results.values())
    statuses = Counter(status for _, _, status in results.values())
    fault_table.record("SQLite write lock held 10 s by another process", len(results), None,
                       lost, duplicates,
                       ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
                       + f"; HTTP {dict(statuses)}; slowest answer {slowest:.1f} s")
    assert process.alive()
    assert set(kinds) <= {"saved", "refused"}, results
    assert lost == 0 and duplicates == 0, (saved, stored)


# Hostile input


TEAM_HOSTILE = "T0ACCEPT"


def entry_count(database_url: str, team_id: str = TEAM_HOSTILE) -> int:
    db = Database(database_url)
    try:
        with db.reader() as session:
            return session.scalar(select(func.count()).select_from(Entry).where(
                Entry.workspace_id == team_id))
    finally:
        db.dispose()


def good_event(external_id: str) -> dict:
    return {"type": "metric", "external_id": external_id, "occurred_on": "2026-11-20",
            "metric": "revenue", "value": "10.00"}


def answer_blocks_valid(body: str) -> bool:
    """Every block of the answer is one Slack accepts (section texts at most 3,000 characters)."""
    try:
        blocks = json.loads(body).get("blocks", [])
        for block in blocks:
            parsed = Block.parse(block)
            if parsed is None:
                return False
            parsed.validate_json()
    except Exception:  # noqa: BLE001 - any model error means Slack would refuse it
        return False
    return True


def test_hostile_inputs_are_answered_and_leave_the_database_as_it_should(sqlite_url, northstar,
                                                                        fake_slack, fault_table):
    token = workspace_with_token(sqlite_url, TEAM_HOSTILE, kpi_channel=CHANNEL)
    process = northstar(sqlite_url).start(datetime(2026, 11, 22, 12, 0, tzinfo=UTC))
    slack = SlackClient(process.base_url, "fault-signing-secret")
    problems: list[str] = []

    def case(name: str, *, lost: int = 0, wrongly_stored: int = 0, ok: bool, note: str = "") -> None:
        fault_table.record(f"hostile: {name}", 1, None, lost, wrongly_stored, note)
        if not ok or lost or wrongly_stored:
            problems.append(name)

    # a note that would ping the channel: stored as typed (escaped where it is rendered)
    before = entry_count(sqlite_url)
    status, body, _ = slack.command("/note", "<!channel> Rabattaktion läuft date:2026-11-20")
    saved = classify(status, body) == "saved"
    case("<!channel> in a note", lost=int(entry_count(sqlite_url) != before + 1), ok=saved,
         note=f"HTTP {status}: {snippet(answer_text(body))}")

    # 3,500-character amounts: refused with a reason Slack can show, nothing stored
    for name, amount in (("3,500-character amount (letters)", "x" * 3500),
                         ("3,500-digit amount", "9" * 3500)):
        before = entry_count(sqlite_url)
        status, body, _ = slack.command("/cost", f"{amount} tools")
        answered = classify(status, body) in ("refused", "unclear") and answer_blocks_valid(body)
        refused = answered and "✅" not in json.loads(body).get("text", "")
        case(name, wrongly_stored=entry_count(sqlite_url) - before, ok=refused,
             note=f"HTTP {status}, {len(answer_text(body))} chars: {snippet(answer_text(body))}")

    # ingestion: one hostile event next to a good one; the good one is stored
    for name, hostile_id, raw, should_store in (
            ("occurred_at 0001-01-01T00:00:00+14:00", "hostile-early",
             '{"type": "metric", "external_id": "hostile-early", "occurred_at": '
             '"0001-01-01T00:00:00+14:00", "metric": "revenue", "value": "1"}', False),
            ("5,000-digit number", "hostile-long",
             '{"type": "metric", "external_id": "hostile-long", "occurred_on": "2026-11-20", '
             '"metric": "revenue", "value": ' + "9" * 5000 + "}", False),
            ("<!here> and a disguised link in an ingested note", "hostile-here",
             '{"type": "note", "external_id": "hostile-here", "occurred_on": "2026-11-20", '
             '"text": "<!here> see <https://evil.example/x|the invoice>"}', True)):
        good = good_event(f"good-after-{hostile_id}")
        body = ('{"events": [' + raw + ", " + json.dumps(good) + "]}").encode()
        before = entry_count(sqlite_url)
        status, answer = ingest(process.base_url, token, body)
        stored = stored_external_ids(sqlite_url, TEAM_HOSTILE)
        accepted = [item["index"] for item in answer.get("accepted", [])]
        rejected = [item["index"] for item in answer.get("rejected", [])]
        ok = status == 200 and (accepted, rejected) == (([0, 1], []) if should_store else ([1], [0]))
        lost = int(stored[good["external_id"]] != 1) + int(should_store and stored[hostile_id] != 1)
        wrong = (int(not should_store and stored[hostile_id] > 0)
                 + max(0, entry_count(sqlite_url) - before - 1 - int(should_store)))
        reasons = "; ".join(item.get("error", "") for item in answer.get("rejected", []))
        case(name, lost=lost, wrongly_stored=wrong, ok=ok,
             note=f"HTTP {status}: accepted {accepted}, rejected {rejected} {snippet(reasons, 50)}")

    # deeply nested JSON: a 400 with the reason (or the event rejected), never a 500
    for name, raw in (("deeply nested JSON document", "[" * 100_000 + "]" * 100_000),
                      ("deeply nested JSON in an event",
                       '{"events": [{"type": "note", "external_id": "hostile-nest", '
                       '"occurred_on": "2026-11-20", "text": ' + "[" * 50_000 + "]" * 50_000
                       + "}, " + json.dumps(good_event("good-after-nest")) + "]}")):
        before = entry_count(sqlite_url)
        status, answer = ingest(process.base_url, token, raw.encode())
        added = entry_count(sqlite_url) - before
        if status == 400:
            ok, lost, wrong = bool(answer.get("error")), 0, added
        else:
            stored = stored_external_ids(sqlite_url, TEAM_HOSTILE)
            ok = status == 200 and [i["index"] for i in answer.get("rejected", [])] == [0]
            lost = int(stored["good-after-nest"] != 1) if "event" in name else 0
            wrong = int(stored["hostile-nest"] > 0)
        case(name, lost=lost, wrongly_stored=wrong, ok=ok and process.alive(),
             note=f"HTTP {status}: {snippet(answer.get('error') or answer, 60)}")

    # a CSV with a NUL byte, sent to the bot in a DM: a line-numbered answer, nothing imported
    before = entry_count(sqlite_url)
    payload = load_payload("event_file_share_dm")
    url = fake_slack.host_file("F0NUL", b"date;kind;name;amount\n20.11.2026;cost;tools;4\x009\n")
    payload["event_id"] = "Ev0NSFAULTNUL"
    payload["event"]["files"][0].update(id="F0NUL", name="kosten.csv", url_private=url,
                                        url_private_download=url)
    status, _, _ = slack.event(payload)
    answers = wait_until(lambda: [c for c in fake_slack.calls_to("chat.postMessage")
                                  if c.args.get("channel") == "D0OWNER"], 15)
    text = json.dumps(answers[0].args, ensure_ascii=False) if answers else ""
    case("CSV with a NUL byte", wrongly_stored=entry_count(sqlite_url) - before,
         ok=status == 200 and "Zeile 2" in text and "csv_import_confirm" not in text,
         note=snippet(answers[0].args.get("text", "") if answers else "no answer in the DM"))

    # the digest of that week shows the notes as typed, and pings nobody
    process.restart(MONDAY_0901_BERLIN)
    messages = wait_until(lambda: fake_slack.messages_in(CHANNEL), 30)
    # the notes are in the thread's first reply (the digest's details)
    wait_until(lambda: messages and any(
        (m.metadata or {}).get("event_type") == "northstar_digest_thread"
        for m in fake_slack.thread(CHANNEL, messages[0].ts)), 30)
    thread = fake_slack.thread(CHANNEL, messages[0].ts) if messages else []
    digest = json.dumps([(m.text, m.blocks) for m in [*messages, *thread]], ensure_ascii=False)
    pinged = [s for s in ("<!channel>", "<!here>", "<https://evil.example") if s in digest]
    case("digest renders hostile notes", ok=not pinged and len(messages) == 1
         and "&lt;!channel&gt;" in digest and "&lt;!here&gt;" in digest,
         note=f"{len(messages)} message(s); " + (f"raw {pinged}" if pinged else "escaped"))
    assert process.alive(), process.log_tail()
    assert not problems, problems
