"""Slash commands as Slack sends them: signed HTTP requests to the running Bolt app."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.bot.helpers import (
    ack_json,
    ack_text,
    assert_valid_blocks,
    entry_count,
    live_entries,
)


def set_language(bot, lang: str) -> None:
    status, body, _ = bot.slack.command("/kpi", f"settings language {lang}")
    assert status == 200, body


@pytest.mark.postgres  # smoke test on both databases
def test_cost_with_german_decimal_comma(bot):
    status, body, _ = bot.slack.command("/cost", "49,90 tools Zapier")
    assert status == 200
    answer = ack_json(body)
    assert_valid_blocks(answer["blocks"])
    assert "49,90" in answer["text"] and "Zapier" in answer["text"]
    assert "entry_undo" in ack_text(body)
    [entry] = live_entries(bot.db)
    assert (entry.kind, entry.quantity, entry.category, entry.cost_class) == (
        "cost", Decimal("49.90"), "tools", "fixed")
    assert (entry.entered_by, entry.source, entry.description) == ("U0OWNER", "slash", "Zapier")
    assert bot.fake.violations == []


@pytest.mark.parametrize(("text", "amount"), [
    ("1.234,56 ads", Decimal("1234.56")),
    ("1,234.56 ads", Decimal("1234.56")),
    ("€ 49 tools", Decimal("49")),
    ("49 EUR tools", Decimal("49")),
])
def test_cost_notations(bot, text, amount):
    bot.slack.command("/cost", text)
    [entry] = live_entries(bot.db)
    assert entry.quantity == amount


def test_ambiguous_amount_follows_workspace_language(bot):
    bot.slack.command("/cost", "1,234 tools")
    set_language(bot, "en")
    bot.slack.command("/cost", "1,234 tools")
    german, english = live_entries(bot.db)
    assert german.quantity == Decimal("1.234")
    assert english.quantity == Decimal("1234")


def test_cost_options_date_channel_every(bot):
    bot.slack.command("/cost", "120 ads Instagram date:gestern channel:instagram every:month")
    [entry] = live_entries(bot.db)
    assert entry.occurred_on.isoformat() == "2026-11-19"
    assert (entry.channel, entry.every, entry.cost_class) == ("instagram", "month", "acquisition")


@pytest.mark.parametrize(("text", "hours"), [
    ("1.5 support", Decimal("1.5")), ("1,5 support", Decimal("1.5")),
    ("1h30 support", Decimal("1.5")), ("90m support", Decimal("1.5")),
    ("1:30 support", Decimal("1.5")),
])
def test_hours_durations(bot, text, hours):
    status, body, _ = bot.slack.command("/hours", text)
    assert status == 200, body
    [entry] = live_entries(bot.db)
    assert (entry.kind, entry.quantity, entry.activity) == ("hours", hours, "support")


@pytest.mark.postgres  # smoke test on both databases
def test_note_and_metric_record(bot):
    bot.slack.command("/note", "Newsletter moved to Tuesday date:20.11.")
    bot.slack.command("/kpi", "record errors 3 cause:rework")
    bot.slack.command("/kpi", "record orders 42 channel:shop date:-3")
    note, errors, orders = live_entries(bot.db)
    assert (note.kind, note.description, note.occurred_on.isoformat()) == (
        "note", "Newsletter moved to Tuesday", "2026-11-20")
    assert (errors.metric, errors.quantity, errors.cause) == ("errors", Decimal(3), "rework")
    assert (orders.metric, orders.channel, orders.occurred_on.isoformat()) == (
        "orders", "shop", "2026-11-17")


BAD_INPUTS = [
    ("/note", "Reels bringen Klicks kpi:klickrate up kind:hypothesis", "klickrate"),
    ("/note", "Reels bringen Klicks kpi:ctr_pct kind:hypothesis", None),
    ("/cost", "", None),
    ("/cost", "abc", "abc"),
    ("/cost", "12,3,4 tools", "12,3,4"),
    ("/cost", "-5 tools", None),
    ("/cost", "0 tools", None),
    ("/cost", "20000000 tools", None),
    ("/cost", "49 USD tools", "USD"),
    ("/cost", "49 tools foo:bar", "foo"),
    ("/cost", "49 tools date:31.02.", "31.02."),
    ("/cost", "49 tools date:2028-01-01", None),
    ("/hours", "25h support", None),
    ("/kpi", "record ordrs 42", "ordrs"),
    ("/note", "x" * 3001, "3000"),
]


# Each refusal once end to end, the languages taking turns: which code each input gets is
# tests/capture's, and that every code reads in both languages is tests/texts'.
@pytest.mark.parametrize(("command", "text", "mentioned", "lang"),
                         [(*bad, ("de", "en")[number % 2])
                          for number, bad in enumerate(b for b in BAD_INPUTS if b[1])])
def test_bad_input_is_explained_and_nothing_stored(bot, command, text, mentioned, lang):
    set_language(bot, lang)
    bot.slack.command("/cost", "10 tools")
    before = entry_count(bot.db)
    status, body, _ = bot.slack.command(command, text)
    assert status == 200
    message = ack_text(body)
    assert ("Nicht gespeichert" if lang == "de" else "Not saved") in message
    assert ("Beispiel" if lang == "de" else "Example") in message or "/kpi" in message
    if mentioned:
        assert mentioned in message
    assert entry_count(bot.db) == before


def test_unsigned_request_is_refused_and_stores_nothing(bot):
    status, _, _ = bot.slack.unsigned("/cost", "49,90 tools")
    assert status == 401
    status, _, _ = bot.slack.bad_signature("/cost", "49,90 tools")
    assert status == 401
    assert entry_count(bot.db) == 0


def test_database_down_says_entry_was_not_saved(bot):
    from storage.db import Database

    bot.deps.db = Database("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=1")
    status, body, _ = bot.slack.command("/cost", "49,90 tools")
    assert status == 200
    assert "nicht* gespeichert" in ack_text(body) or "not* saved" in ack_text(body)


def test_help_lists_commands_in_both_languages(bot):
    _, body, _ = bot.slack.command("/kpi", "help")
    assert "/kpi undo" in ack_text(body) and "so erfasst du" in ack_text(body)
    set_language(bot, "en")
    _, body, _ = bot.slack.command("/kpi", "")
    assert "how to log numbers" in ack_text(body)


def test_a_hypothesis_naming_its_kpi_is_stored_with_it(bot):
    bot.slack.command("/note", "Reels bringen Klicks kpi:ctr_pct up 10% kind:hypothesis")
    [note] = live_entries(bot.db)
    assert (note.note_kind, note.description) == ("hypothesis", "Reels bringen Klicks kpi:ctr_pct up 10%")
