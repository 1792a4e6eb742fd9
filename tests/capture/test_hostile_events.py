"""Hostile ingestion input: each bad event is rejected with a reason, never a 500 for the batch."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from capture.context import ParseContext
from capture.errors import InputError
from capture.events import load_json, parse_event
from storage.db import Database
from storage.models import Entry, Workspace
from storage.workspaces import rotate_ingest_token

CTX = ParseContext(today=date(2026, 11, 20), lang="en")
BERLIN = ZoneInfo("Europe/Berlin")
HUGE = "9" * 5000
ORDER = {"type": "metric", "external_id": "order-1", "occurred_on": "2026-11-20",
         "metric": "orders", "value": 3}
COST = {"type": "cost", "external_id": "cost-1", "occurred_on": "2026-11-20", "amount": "4.50"}
HOURS = {"type": "hours", "external_id": "hours-1", "occurred_on": "2026-11-20", "hours": 2}
NOW = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_a_time_at_the_end_of_the_calendar_is_a_rejected_event(moment):
    event = {k: v for k, v in ORDER.items() if k != "occurred_on"} | {"occurred_at": moment}
    with pytest.raises(InputError) as error:
        parse_event(event, CTX, BERLIN)
    assert error.value.code == "date_invalid"


@pytest.mark.parametrize(("event", "field"), [(COST, "amount"), (ORDER, "value"),
                                              (HOURS, "hours")])
@pytest.mark.parametrize("as_string", [True, False])
def test_a_five_thousand_digit_number_is_a_rejected_event(event, field, as_string):
    raw = f'"{HUGE}"' if as_string else HUGE
    document = load_json(json.dumps([dict(event, **{field: "@@"})]).replace('"@@"', raw))
    with pytest.raises(InputError) as error:
        parse_event(document[0], CTX, BERLIN)
    assert error.value.code == "text_too_long" and error.value.params["field"] == field


def test_a_long_json_number_is_no_string_either():
    document = load_json('[{"type": "note", "occurred_on": "2026-11-20", "text": "hi", '
                         '"external_id": ' + HUGE + "}]")
    with pytest.raises(InputError) as error:
        parse_event(document[0], CTX, BERLIN)
    assert error.value.code == "event_field_type"


def test_ordinary_numbers_stay_numbers():
    assert load_json('{"a": [1, -2, 3.5, 12345678901234567890]}') == {
        "a": [1, -2, 3.5, 12345678901234567890]}


def test_a_deeply_nested_type_is_rejected_not_rendered():
    nested: list = []
    for _ in range(800):
        nested = [nested]
    with pytest.raises(InputError) as error:
        parse_event(dict(ORDER, type=nested), CTX, BERLIN)
    assert error.value.code == "event_type_unknown" and len(error.value.params["text"]) <= 64


# The HTTP handler, called as the WSGI server calls it.

@pytest.fixture
def endpoint(database_url):
    from web.ingest import ingest_app

    db = Database(database_url)
    with db.session() as session:
        workspace = Workspace(id="T0HOSTILE", created_at=NOW)
        session.add(workspace)
        session.flush()
        token = rotate_ingest_token(session, workspace)
    app = ingest_app(SimpleNamespace(db=db, now=lambda: NOW))

    def post(body: bytes) -> tuple[int, dict]:
        answer: dict = {}
        environ = {"REQUEST_METHOD": "POST", "CONTENT_LENGTH": str(len(body)),
                   "HTTP_AUTHORIZATION": f"Bearer {token}", "wsgi.input": io.BytesIO(body)}
        chunks = app(environ, lambda status, headers: answer.update(status=status))
        return int(answer["status"].split()[0]), json.loads(b"".join(chunks))

    def stored() -> list[str]:
        with db.session() as session:
            return sorted(e.external_id for e in session.query(Entry))

    yield SimpleNamespace(post=post, stored=stored)
    db.dispose()


def test_hostile_events_in_a_batch_are_rejected_and_the_rest_is_stored(endpoint):
    at_min = {k: v for k, v in ORDER.items() if k != "occurred_on"} | {
        "external_id": "early", "occurred_at": "0001-01-01T00:00:00+14:00"}
    events = [ORDER, at_min, dict(COST, external_id="huge-cost", amount="@amount"),
              dict(HOURS, external_id="huge-hours", hours="@hours"), COST, HOURS]
    body = json.dumps({"events": events}).replace('"@amount"', HUGE).replace('"@hours"', HUGE)
    status, answer = endpoint.post(body.encode())
    assert status == 200
    assert [item["index"] for item in answer["accepted"]] == [0, 4, 5]
    assert [item["index"] for item in answer["rejected"]] == [1, 2, 3]
    assert all(item["error"] for item in answer["rejected"])
    assert endpoint.stored() == ["cost-1", "hours-1", "order-1"]


def test_json_nested_too_deeply_is_a_400_with_the_reason(endpoint):
    status, answer = endpoint.post(b'{"events": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}")
    assert status == 400 and "nested" in answer["error"]
    assert endpoint.stored() == []


@pytest.mark.parametrize("field", ["text", "external_id", "occurred_on"])
def test_a_lone_surrogate_is_a_rejected_event(field):
    note = {"type": "note", "external_id": "n", "occurred_on": "2026-11-20", "text": "hi"}
    with pytest.raises(InputError) as error:
        parse_event(dict(note, **{field: "x\ud800"}), CTX, BERLIN)
    assert error.value.code == "event_field_type"


def test_a_lone_surrogate_in_an_amount_is_a_rejected_event():
    with pytest.raises(InputError):
        parse_event(dict(COST, amount="4\udfff"), CTX, BERLIN)


def test_lone_surrogates_are_rejected_events_and_never_break_the_answer(endpoint):
    body = json.dumps([ORDER, {"type": "note", "external_id": "n\ud800",
                               "occurred_on": "2026-11-20", "text": "a\udc00"},
                       {"type": "note", "external_id": "n2", "\ud800": 1}])
    status, answer = endpoint.post(body.encode())
    assert status == 200 and [item["index"] for item in answer["rejected"]] == [1, 2]
    assert endpoint.stored() == ["order-1"]
    status, answer = endpoint.post(b'{"events": [], "\\ud800": 1}')
    assert status == 400 and "top-level" in answer["error"]


@pytest.mark.parametrize("when", [{"occurred_on": "1999-12-31"}, {"occurred_on": "0001-01-01"},
                                  {"occurred_at": "1900-06-01T10:00:00+00:00"}])
def test_a_day_before_2000_is_a_rejected_event(when):
    event = {k: v for k, v in ORDER.items() if k != "occurred_on"} | when
    with pytest.raises(InputError) as error:
        parse_event(event, CTX, BERLIN)
    assert error.value.code == "date_too_early"
