"""German words typed anywhere become the stored English keys; other words stay as typed."""

from __future__ import annotations

from datetime import date

from capture.context import ParseContext
from capture.forms import input_from_form
from capture.replies import classify_reply
from capture.vocabulary import category_and_class, cause_of, cost_class_of, metric_of

CTX = ParseContext(today=date(2026, 11, 20), lang="de", currency="EUR")


def test_metrics_with_blanks_or_brackets_are_read_as_their_keys():
    assert metric_of("Aktive Kunden") == "active_customers"
    assert metric_of("Erste Antwort (Minuten)") == "first_response_minutes"
    assert metric_of("UMSATZ") == "revenue" and metric_of("umsätze") is None


def test_a_workspaces_own_mapping_of_a_german_category_still_counts():
    assert category_and_class("Werbung", {"ads": "acquisition"}) == ("ads", "acquisition")
    assert category_and_class("werbung", {"werbung": "fixed", "ads": "acquisition"}) == (
        "ads", "fixed")
    assert category_and_class("Hosting", {}) == ("hosting", "fixed")


def test_causes_and_classes_in_german():
    assert cause_of("Storno") == "cancellation" and cause_of("Retoure") == "return"
    assert cost_class_of("Akquise") == "acquisition" and cost_class_of("teuer") is None


def test_a_form_with_a_german_cause_stores_the_key():
    entry = input_from_form("record", {"metric": "errors", "value": "2",
                                       "dimension": "Rückfrage"}, CTX)
    assert (entry.metric, entry.cause) == ("errors", "inquiry")


def test_thread_replies_take_the_german_markers():
    assert classify_reply("Blockade: Lieferant spät") == ("blocker", "Lieferant spät")
    assert classify_reply("Wert: Newsletter verschickt") == ("value", "Newsletter verschickt")
