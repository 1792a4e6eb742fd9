"""The experiment part of a hypothesis note, in German and English, and its errors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from capture.context import ParseContext
from capture.errors import InputError
from capture.hypothesis import Experiment, parse_hypothesis

CTX = ParseContext(today=date(2026, 11, 20), lang="de")
EN = ParseContext(today=date(2026, 11, 20), lang="en")


def test_the_seed_example():
    text = "Versandkostenfrei ab 40 € erhöht den Warenkorb kpi:average_order_value up 5% since:2026-09-07"
    assert parse_hypothesis(text, CTX) == Experiment(
        kpi="average_order_value", direction="up", expected_effect_pct=Decimal(5),
        since=date(2026, 9, 7), claim="Versandkostenfrei ab 40 € erhöht den Warenkorb")


@pytest.mark.parametrize(("text", "kpi", "direction", "size", "since"), [
    ("Checkliste halbiert Nacharbeit kpi:error_rate_per_100 runter um 50 Prozent seit:7.9.",
     "error_rate_per_100", "down", Decimal(50), date(2026, 9, 7)),
    ("Newsletter kpi:revenue rauf", "revenue", "up", None, None),
    ("Newsletter kpi:Umsatz hoch +5,5 %", "revenue", "up", Decimal("5.5"), None),
    ("Neuer Shop kpi:ctr_pct steigt 10% seit:gestern", "ctr_pct", "up", Decimal(10), date(2026, 11, 19)),
    ("Pack-Checkliste kpi:fehlerquote sinkt -30%", "error_rate_per_100", "down", Decimal(30), None),
    ("kpi:warenkorb hoch 3%.", "average_order_value", "up", Decimal(3), None),
])
def test_german_words(text, kpi, direction, size, since):
    found = parse_hypothesis(text, CTX)
    assert (found.kpi, found.direction, found.expected_effect_pct, found.since) == (
        kpi, direction, size, since)


@pytest.mark.parametrize(("text", "kpi", "direction", "size"), [
    ("Free shipping raises the basket kpi:average_order_value up by 5.5 percent since:2026-09-07",
     "average_order_value", "up", Decimal("5.5")),
    ("Faster replies kpi:first_response_minutes_median down 20%", "first_response_minutes_median",
     "down", Decimal(20)),
    ("kpi:REVENUE Up", "revenue", "up", None),
])
def test_english_words(text, kpi, direction, size):
    found = parse_hypothesis(text, EN)
    assert (found.kpi, found.direction, found.expected_effect_pct) == (kpi, direction, size)


def test_the_claim_keeps_the_words_and_drops_the_options():
    found = parse_hypothesis("Bessere Fotos kpi:ctr_pct up 5% kind:hypothesis date:gestern, "
                             "weil Kunden sehen wollen seit:01.10.2026", CTX)
    assert found.claim == "Bessere Fotos weil Kunden sehen wollen"
    assert found.since == date(2026, 10, 1)


@pytest.mark.parametrize("text", ["", "Nur eine Idee", "Versand ab 40 € since:morgen date:gestern",
                                  "siehe https://example.com/kpi:x"])
def test_without_kpi_there_is_no_experiment(text):
    assert parse_hypothesis(text, CTX) is None


@pytest.mark.parametrize(("text", "code", "params"), [
    ("x kpi:revnue up", "hypothesis_unknown_kpi", {"name": "revnue", "suggestion": "revenue"}),
    ("x kpi:gibtsnicht up", "hypothesis_unknown_kpi", {"name": "gibtsnicht", "suggestion": None}),
    ("x kpi:cac down", "hypothesis_kpi_not_weekly", {"name": "cac"}),
    ("x kpi:contribution_per_customer_month up", "hypothesis_kpi_not_weekly", {}),
    ("x kpi:revenue", "hypothesis_direction_missing", {}),
    ("x kpi:revenue since:gestern", "hypothesis_direction_missing", {}),
    ("x kpi:revenue seitwärts", "hypothesis_unknown_direction", {"text": "seitwärts"}),
    ("x kpi:revenue up -5%", "hypothesis_size_invalid", {"text": "-5%"}),
    ("x kpi:revenue down +5%", "hypothesis_size_invalid", {"text": "+5%"}),
    ("x kpi:revenue down 100%", "hypothesis_size_invalid", {}),
    ("x kpi:revenue up 0%", "hypothesis_size_invalid", {}),
    ("x kpi:revenue up 5000%", "hypothesis_size_invalid", {}),
    ("x kpi:revenue up 5 Euro", "hypothesis_size_invalid", {"text": "5"}),
    ("x kpi:revenue up kpi:orders down", "hypothesis_option_twice", {"key": "kpi"}),
    ("x kpi:revenue up since:gestern seit:heute", "hypothesis_option_twice", {"key": "seit"}),
    ("x kpi:revenue up since:irgendwann", "date_invalid", {"text": "irgendwann"}),
    ("x kpi:revenue up seit:31.02.2026", "date_not_exist", {}),
])
def test_errors_name_the_problem(text, code, params):
    with pytest.raises(InputError) as caught:
        parse_hypothesis(text, CTX)
    assert caught.value.code == code
    assert params.items() <= caught.value.params.items()


@given(st.text(alphabet=st.characters(blacklist_characters=":"), max_size=80))
def test_text_without_options_is_never_an_experiment(text):
    assert parse_hypothesis(text, CTX) is None


@given(st.text(max_size=60))
def test_any_text_after_kpi_gives_an_experiment_or_an_input_error(tail):
    try:
        found = parse_hypothesis("Idee kpi:revenue " + tail, CTX)
    except InputError as error:
        assert error.code.startswith(("hypothesis_", "date_"))
    else:
        assert found.kpi == "revenue" and found.direction in ("up", "down")
        assert found.expected_effect_pct is None or found.expected_effect_pct > 0


@pytest.mark.parametrize("since", ["0001-01-01", "1900-01-01", "1.1.1999"])
def test_a_start_before_2000_is_refused(since):
    with pytest.raises(InputError) as error:
        parse_hypothesis(f"Gratisversand kpi:average_order_value up 5% since:{since}", CTX)
    assert error.value.code == "date_too_early"
