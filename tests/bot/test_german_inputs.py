"""German words are accepted on every input path and stored under the same English keys:
signed slash commands, forms, the ingestion endpoint, CSV in a DM, settings and import rules."""

from __future__ import annotations

import json
from decimal import Decimal

from sqlalchemy import select

from storage.import_tables import ImportRule
from storage.models import CategoryClass
from tests.bot.german_surfaces import csv_event
from tests.bot.helpers import ack_text, button_payload, live_entries, view_submission_payload
from tests.bot.test_ingest import make_token, post


def stored(entry) -> tuple:
    """What an entry keeps: its kind and the keys it is filed under."""
    return (entry.kind, entry.metric or entry.activity or entry.category or entry.note_kind,
            entry.cause or entry.cost_class)


GERMAN_COMMANDS = [
    ("/kpi", "record umsatz 89,90", ("metric", "revenue", None)),
    ("/kpi", "record Bestellungen 3", ("metric", "orders", None)),
    ("/kpi", "record fehler 2 ursache:nacharbeit", ("metric", "errors", "rework")),
    ("/kpi", "record fehler 1 cause:Rücksendung", ("metric", "errors", "return")),
    ("/kpi", "record neukunden 4", ("metric", "new_customers", None)),
    ("/hours", "1h kundenservice", ("hours", "support", None)),
    ("/hours", "2h vertrieb Messe", ("hours", "sales", None)),
    ("/cost", "30 werbung", ("cost", "ads", "acquisition")),
    ("/cost", "12,50 versand", ("cost", "shipping", "variable")),
    ("/cost", "8 sonstiges", ("cost", "other", "fixed")),
    ("/note", "Preise erhöhen art:entscheidung", ("note", "decision", None)),
]


def test_german_words_in_slash_commands_are_stored_under_the_keys(bot):
    for command, text, _ in GERMAN_COMMANDS:
        _, body, _ = bot.slack.command(command, text)
        assert "Gespeichert" in ack_text(body), (text, ack_text(body))
    assert [stored(e) for e in live_entries(bot.db)] == [want for _, _, want in GERMAN_COMMANDS]


def test_german_words_in_settings_and_import_rules_are_stored_under_the_keys(bot):
    _, body, _ = bot.slack.command("/kpi", "settings category werbung fix")
    assert "Einstellungen" in ack_text(body)
    bot.slack.command("/kpi", "rule Hoster miete")
    with bot.db.session() as session:
        classes = {(c.category, c.cost_class) for c in session.scalars(select(CategoryClass))}
        rules = {(r.pattern, r.category) for r in session.scalars(select(ImportRule))}
    assert ("ads", "fixed") in classes and ("Hoster", "rent") in rules
    bot.slack.command("/cost", "30 Werbung")
    [cost] = live_entries(bot.db)
    assert (cost.category, cost.cost_class) == ("ads", "fixed")


def test_german_words_in_forms_are_stored_under_the_keys(bot):
    payload = view_submission_payload("entry_modal:metric", {
        "metric": {"type": "static_select", "selected_option": {"value": "errors"}},
        "value": {"type": "plain_text_input", "value": "3"},
        "dimension": {"type": "plain_text_input", "value": "Nacharbeit"},
        "date": {"type": "datepicker", "selected_date": "2026-11-19"},
    }, private_metadata=json.dumps({"channel": "C0KPI"}))
    assert bot.slack.view_submission(payload)[0] == 200
    [confirmed] = bot.fake.wait_for("chat.postEphemeral")
    assert "Fehler 3 · Ursache: Nacharbeit" in confirmed.args["text"]
    [entry] = live_entries(bot.db)
    assert stored(entry) == ("metric", "errors", "rework")


def test_the_entry_forms_offer_the_vocabulary_in_german(bot):
    bot.slack.command("/hours", "")
    [opened] = bot.fake.wait_for("views.open")
    options = [o for b in opened.args["view"]["blocks"]
               for o in b.get("element", {}).get("options", [])]
    assert {"text": {"type": "plain_text", "text": "Kundenservice", "emoji": True},
            "value": "support"} in options


def test_german_words_in_ingested_events_are_stored_under_the_keys(bot):
    token = make_token(bot)
    day = {"occurred_on": "2026-11-20"}
    events = [
        {"type": "metric", "external_id": "o-1", "metric": "umsatz", "value": "89,90", **day},
        {"type": "metric", "external_id": "o-2", "metric": "bestellungen", "value": 1, **day},
        {"type": "metric", "external_id": "e-1", "metric": "fehler", "value": 1,
         "cause": "Nacharbeit", **day},
        {"type": "hours", "external_id": "h-1", "hours": 1.5, "activity": "kundenservice", **day},
        {"type": "cost", "external_id": "c-1", "amount": 30, "category": "Werbung", **day},
        {"type": "note", "external_id": "n-1", "text": "Lieferant spät", "kind": "blockade",
         **day},
    ]
    status, answer = post(bot, {"events": events}, token)
    assert status == 200 and answer["rejected"] == []
    assert [stored(e) for e in live_entries(bot.db)] == [
        ("metric", "revenue", None), ("metric", "orders", None), ("metric", "errors", "rework"),
        ("hours", "support", None), ("cost", "ads", "acquisition"), ("note", "blocker", None)]
    assert live_entries(bot.db)[0].quantity == Decimal("89.90")


GERMAN_CSV = ("date;kind;name;amount;class;cause;description\n"
              "20.11.2026;metric;umsatz;89,90;;;\n"
              "20.11.2026;metric;fehler;2;;nacharbeit;\n"
              "20.11.2026;hours;kundenservice;1,5;;;\n"
              "20.11.2026;cost;werbung;30;;;\n"
              "20.11.2026;cost;miete;800;fix;;\n"
              "20.11.2026;note;entscheidung;;;;Preise erhöhen\n").encode()


GERMAN_HEADERS = (b"Datum;Art;Name;Betrag;Klasse;Ursache;Beschreibung;Wiederkehrend\n"
                  b"20.11.2026;Kennzahl;Umsatz;89,90;;;;\n"
                  b"20.11.2026;Kosten;Software;19;;;;monatlich\n")


def test_a_csv_with_german_column_names_and_kinds_is_imported(bot):
    bot.slack.event(csv_event(bot, GERMAN_HEADERS))
    [preview] = bot.fake.wait_for("chat.postMessage")
    button = next(e for b in preview.args["blocks"] for e in b.get("elements", [])
                  if e.get("action_id") == "csv_import_confirm")
    bot.slack.action(button_payload("csv_import_confirm", button["value"],
                                    response_url=bot.fake.response_url("import")))
    bot.fake.wait_for_response()
    revenue, software = live_entries(bot.db)
    assert (revenue.metric, revenue.quantity) == ("revenue", Decimal("89.90"))
    assert (software.category, software.cost_class, software.every) == (
        "software", "fixed", "month")


def test_german_words_in_a_csv_are_imported_under_the_keys(bot):
    bot.slack.event(csv_event(bot, GERMAN_CSV))
    [preview] = bot.fake.wait_for("chat.postMessage")
    assert "6" in preview.args["text"], preview.args["text"]
    button = next(e for b in preview.args["blocks"] for e in b.get("elements", [])
                  if e.get("action_id") == "csv_import_confirm")
    bot.slack.action(button_payload("csv_import_confirm", button["value"],
                                    response_url=bot.fake.response_url("import")))
    bot.fake.wait_for_response()
    assert [stored(e) for e in live_entries(bot.db)] == [
        ("metric", "revenue", None), ("metric", "errors", "rework"), ("hours", "support", None),
        ("cost", "ads", "acquisition"), ("cost", "rent", "fixed"), ("note", "decision", None)]


def test_an_owner_is_set_for_a_german_input_name(bot):
    _, body, _ = bot.slack.command("/kpi", "owner bestellungen <@U0BEN>")
    assert "Bestellungen" in ack_text(body) and "<@U0BEN>" in ack_text(body)
    bot.slack.command("/kpi", "owner Kosten <@U0BEN>")
    _, body, _ = bot.slack.command("/kpi", "owner")
    listing = ack_text(body)
    assert "Bestellungen (`bestellungen`): <@U0BEN>" in listing
    assert "Kosten (`kosten`): <@U0BEN>" in listing and "orders" not in listing
