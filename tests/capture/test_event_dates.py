"""Ingested dates in the forms automations send: days, German days, moments with an offset,
Unix seconds and milliseconds; today when none is given; nothing before 2000 or a year ahead."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from capture.context import ParseContext
from capture.errors import InputError
from capture.event_dates import event_day
from texts import say

BERLIN = ZoneInfo("Europe/Berlin")
CTX = ParseContext(today=date(2026, 12, 4), lang="de")
EVENING_UTC = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)  # already Saturday in Berlin


def day_of(field: str, value: object) -> date:
    return event_day({"type": "metric", field: value}, CTX, BERLIN)


@pytest.mark.parametrize("field", ["occurred_on", "occurred_at"])
@pytest.mark.parametrize(("value", "expected"), [
    ("2026-12-04", date(2026, 12, 4)),
    ("04.12.2026", date(2026, 12, 4)),
    ("4.12.2026", date(2026, 12, 4)),
    (" 2026-12-04 ", date(2026, 12, 4)),
    ("2026-12-04T14:33:00+01:00", date(2026, 12, 4)),
    ("2026-11-20T09:00:00Z", date(2026, 11, 20)),
    ("2026-12-04T23:30:00Z", date(2026, 12, 5)),
    ("2026-12-04 18:30:00-05:00", date(2026, 12, 5)),
    ("2026-12-04T23:30:00.123456+00:00", date(2026, 12, 5)),
    (int(EVENING_UTC.timestamp()), date(2026, 12, 5)),
    (int(EVENING_UTC.timestamp() * 1000), date(2026, 12, 5)),
    (EVENING_UTC.timestamp() + 0.25, date(2026, 12, 5)),
    (str(int(EVENING_UTC.timestamp())), date(2026, 12, 5)),
    (str(int(EVENING_UTC.timestamp() * 1000)), date(2026, 12, 5)),
], ids=["iso day", "german day", "german day, one digit", "spaces", "offset", "Z",
        "after midnight in Berlin", "space and negative offset", "microseconds",
        "unix seconds", "unix milliseconds", "unix float", "unix seconds as text",
        "unix milliseconds as text"])
def test_every_form_names_its_day_in_the_workspace_calendar(field, value, expected):
    assert day_of(field, value) == expected


def test_an_event_without_a_date_is_dated_today_in_the_workspace():
    assert event_day({"type": "note", "text": "hi"}, CTX, BERLIN) == CTX.today
    assert event_day({"type": "note", "occurred_on": None}, CTX, BERLIN) == CTX.today


def test_occurred_on_wins_over_occurred_at():
    event = {"occurred_on": "03.12.2026", "occurred_at": "2026-12-04T10:00:00Z"}
    assert event_day(event, CTX, BERLIN) == date(2026, 12, 3)


@pytest.mark.parametrize(("value", "code"), [
    ("2026-12-04T14:33:00", "event_time_without_offset"),
    ("next tuesday", "event_date_invalid"),
    ("", "event_date_invalid"),
    ("12/04/2026", "event_date_invalid"),
    (True, "event_date_invalid"),
    ({"day": 4}, "event_date_invalid"),
    ("31.02.2026", "date_not_exist"),
    ("2026-02-31", "date_not_exist"),
    ("31.12.1999", "date_too_early"),
    (0, "date_too_early"),
    (-1, "date_too_early"),
    (float("nan"), "date_invalid"),
    (10**30, "date_invalid"),
    ("0001-01-01T00:00:00+14:00", "date_invalid"),
    ((CTX.today + timedelta(days=366)).strftime("%d.%m.%Y"), "date_too_far"),
    (int(datetime(2028, 1, 1, tzinfo=UTC).timestamp() * 1000), "date_too_far"),
])
def test_dates_that_name_no_sane_day_are_refused_saying_why(value, code):
    with pytest.raises(InputError) as error:
        day_of("occurred_at", value)
    assert error.value.code == code
    assert say(error.value, "de") and say(error.value, "en")


def test_the_refusal_lists_the_accepted_forms_in_both_languages():
    with pytest.raises(InputError) as error:
        day_of("occurred_on", "morgen früh")
    assert "04.12.2026" in say(error.value, "de") and "Unix-Sekunden" in say(error.value, "de")
    assert "occurred_on “morgen früh” is not a date" in say(error.value, "en")
