"""Amounts, durations, dates, options and events, in German and English."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from capture.commands import (
    parse_cost_command,
    parse_hours_command,
    parse_note_command,
    parse_record_command,
)
from capture.context import ParseContext
from capture.dates import parse_date
from capture.durations import parse_duration
from capture.errors import InputError
from capture.events import parse_event
from capture.numbers import parse_amount
from texts import say
from texts.describe import describe

DE = ParseContext(today=date(2026, 11, 20), lang="de")
EN = ParseContext(today=date(2026, 11, 20), lang="en")
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(("text", "amount"), [
    ("49,90", "49.90"), ("1.234,56", "1234.56"), ("1,234.56", "1234.56"), ("€ 49", "49"),
    ("49 EUR", "49"), ("49€", "49"), ("0,5", "0.5"), ("49,-", "49"), ("1.234.567", "1234567"),
])
def test_amount_notations_read_the_same_in_both_languages(text, amount):
    assert parse_amount(text, DE) == Decimal(amount) == parse_amount(text, EN)


def test_ambiguous_thousands_follow_the_workspace_language():
    assert parse_amount("1,234", DE) == Decimal("1.234")
    assert parse_amount("1,234", EN) == Decimal("1234")
    assert parse_amount("1.234", DE) == Decimal("1234")
    assert parse_amount("1.234", EN) == Decimal("1.234")


@pytest.mark.parametrize(("text", "code"), [
    ("", "amount_missing"), ("abc", "amount_invalid"), ("12,3,4", "amount_invalid"),
    ("-5", "amount_not_positive"), ("0", "amount_not_positive"),
    ("10000000,01", "amount_too_large"), ("49 USD", "currency_mismatch"),
])
def test_bad_amounts_are_refused(text, code):
    with pytest.raises(InputError) as error:
        parse_amount(text, DE)
    assert error.value.code == code


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999.99"), places=2))
def test_a_formatted_amount_parses_back_in_both_languages(value):
    german = f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    english = f"{value:,.2f}"
    assert parse_amount(german, DE) == value
    assert parse_amount(english, EN) == value


@pytest.mark.parametrize("text", ["1.5", "1,5", "1h30", "1h 30m", "90m", "90min", "1:30"])
def test_durations(text):
    assert parse_duration(text) == Decimal("1.5")


@pytest.mark.parametrize(("text", "code"), [("25h", "duration_too_long"),
                                            ("abc", "duration_invalid"),
                                            ("0", "duration_not_positive")])
def test_bad_durations(text, code):
    with pytest.raises(InputError) as error:
        parse_duration(text)
    assert error.value.code == code


@pytest.mark.parametrize(("text", "day"), [
    ("heute", date(2026, 11, 20)), ("today", date(2026, 11, 20)),
    ("gestern", date(2026, 11, 19)), ("yesterday", date(2026, 11, 19)),
    ("2026-11-20", date(2026, 11, 20)), ("20.11.", date(2026, 11, 20)),
    ("20.11.2026", date(2026, 11, 20)), ("-3", date(2026, 11, 17)),
])
def test_dates(text, day):
    assert parse_date(text, DE) == day


@pytest.mark.parametrize(("text", "code"), [("31.02.", "date_not_exist"),
                                            ("2028-01-01", "date_too_far"),
                                            ("0001-01-01", "date_too_early"),
                                            ("1900-01-01", "date_too_early"),
                                            ("31.12.1999", "date_too_early"),
                                            ("-9999", "date_too_early"),
                                            ("someday", "date_invalid")])
def test_bad_dates(text, code):
    with pytest.raises(InputError) as error:
        parse_date(text, DE)
    assert error.value.code == code


def test_cost_command_reads_category_class_and_options():
    cost = parse_cost_command("49,90 tools Zapier Pro date:gestern channel:ads every:month", DE)
    assert (cost.amount, cost.category, cost.cost_class) == (Decimal("49.90"), "tools", "fixed")
    assert (cost.description, cost.occurred_on, cost.channel, cost.every) == (
        "Zapier Pro", date(2026, 11, 19), "ads", "month")


def test_unknown_option_names_the_valid_ones():
    with pytest.raises(InputError) as error:
        parse_cost_command("49 tools foo:bar", DE)
    assert "foo:" in say(error.value, "en") and "every:" in say(error.value, "en")


def test_hours_with_german_activity_alias():
    hours = parse_hours_command("2 Std vertrieb Angebot", DE)
    assert (hours.hours, hours.activity, hours.description) == (Decimal(2), "sales", "Angebot")


def test_hours_without_activity_keeps_the_word_as_description():
    hours = parse_hours_command("1:30 Buchhaltung", DE)
    assert (hours.activity, hours.description) == ("other", "Buchhaltung")


def test_note_keeps_colons_and_urls_as_text():
    note = parse_note_command("Ziel: mehr Umsatz https://example.org kind:hypothesis", DE)
    assert note.text == "Ziel: mehr Umsatz https://example.org" and note.kind == "hypothesis"


def test_note_over_3000_characters_is_refused():
    with pytest.raises(InputError) as error:
        parse_note_command("x" * 3001, DE)
    assert "3000" in say(error.value, "de")


def test_unknown_metric_suggests_the_closest():
    with pytest.raises(InputError) as error:
        parse_record_command("ordrs 42", DE)
    assert "„Bestellungen“" in say(error.value, "de") and "“orders”" in say(error.value, "en")


def test_record_with_german_metric_name_and_cause():
    metric = parse_record_command("fehler 3 cause:Rework", DE)
    assert (metric.metric, metric.value, metric.cause) == ("errors", Decimal(3), "rework")


def test_cause_is_only_for_errors():
    with pytest.raises(InputError):
        parse_record_command("orders 3 cause:rework", DE)


def test_messages_show_an_example_in_both_languages():
    error = InputError("amount_invalid", text="abc")
    assert "Beispiel: /cost" in say(error, "de")
    assert "Example: /cost" in say(error, "en")


def test_confirmation_restates_the_entry():
    cost = parse_cost_command("49,90 tools Zapier", DE)
    assert describe(cost, "de", "EUR") == "49,90\xa0€ · Tools (fix) · Zapier · Fr., 20.11."
    assert describe(cost, "en", "EUR") == "€49.90 · Tools (fixed) · Zapier · Fri, Nov 20"


def test_event_at_a_time_with_offset_counts_on_its_local_date():
    kind, cost = parse_event({"type": "cost", "external_id": "a", "amount": 1.55,
                              "occurred_at": "2026-11-20T23:30:00+00:00"}, EN, BERLIN)
    assert kind == "cost" and cost.occurred_on == date(2026, 11, 21)
    assert cost.amount == Decimal("1.55")


@pytest.mark.parametrize("event", [
    {"type": "metric", "external_id": "a", "occurred_on": "2026-11-20", "metric": "orders",
     "value": True},
    {"type": "metric", "external_id": "a", "occurred_on": "2026-11-20", "metric": "orders",
     "value": 1, "extra": 1},
    {"type": "metric", "external_id": "", "occurred_on": "2026-11-20", "metric": "orders",
     "value": 1},
    {"type": "metric", "external_id": "a", "occurred_at": "2026-11-20T10:00:00",
     "metric": "orders", "value": 1},
    {"type": "hours", "external_id": "a", "occurred_on": "2026-11-20", "hours": "30h"},
    {"type": "note", "external_id": "a", "occurred_on": "2026-11-20", "text": "x" * 3001},
    {"type": "cost", "external_id": "a", "occurred_on": "1999-01-01", "amount": 5},
    {"type": "cost", "external_id": "a", "occurred_on": "2026-11-20", "amount": float("nan")},
])
def test_hostile_events_are_refused_naming_the_problem(event):
    with pytest.raises(InputError) as error:
        parse_event(event, EN, BERLIN)
    assert say(error.value, "en")
