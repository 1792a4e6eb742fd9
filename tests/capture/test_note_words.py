"""Which KPI a note names, and a note's text as people read it (no experiment syntax)."""

from __future__ import annotations

import pytest

from capture.kpi_words import names_kpi
from capture.note_text import shown_text
from texts.format import label

BEND_KPIS = ("revenue", "error_rate_per_100", "contribution_per_customer_month")


@pytest.mark.parametrize("kpi", BEND_KPIS)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_note_using_the_kpis_own_label_names_it(kpi, lang):
    assert names_kpi(f"{label(kpi, lang)} ist diese Woche anders", kpi)


@pytest.mark.parametrize(("text", "kpi", "named"), [
    ("kpi:revenue up 5%", "revenue", True),
    ("kennzahl:umsatz rauf", "revenue", True),
    ("kpi:fehlerquote down 50%", "error_rate_per_100", True),
    ("Umsatzplus durch den Newsletter", "revenue", True),
    ("Neue Aushilfe: viele falsche Artikel verschickt", "error_rate_per_100", True),
    ("Werbekosten je Neukunde steigen", "error_rate_per_100", False),
    ("Werbekosten je Neukunde steigen", "revenue", False),
    ("Versandkostenfrei ab 40 € kpi:average_order_value up 5%", "revenue", False),
])
def test_notes_name_a_kpi_by_option_or_by_its_words(text, kpi, named):
    assert names_kpi(text, kpi) is named


def test_a_recorded_error_cause_names_the_error_rate():
    assert not names_kpi("Packtisch umgebaut, Etiketten vertauscht", "error_rate_per_100")
    assert names_kpi("Packtisch umgebaut, Etiketten vertauscht", "error_rate_per_100",
                     ["etiketten"])


@pytest.mark.parametrize(("stored", "shown"), [
    ("Versandkostenfrei ab 40 € erhöht den Warenkorb kpi:average_order_value up 5%",
     "Versandkostenfrei ab 40 € erhöht den Warenkorb"),
    ("Reels statt Fotos kpi:ctr_pct rauf um 5 Prozent seit:1.9.2026 kind:hypothesis",
     "Reels statt Fotos"),
    ("kind:hypothesis Checkliste hilft kpi:fehlerquote down since:2026-11-18", "Checkliste hilft"),
    ("Preise um 5 % erhöht", "Preise um 5 % erhöht"),
])
def test_the_experiment_syntax_never_shows_in_a_notes_text(stored, shown):
    assert shown_text(stored) == shown
