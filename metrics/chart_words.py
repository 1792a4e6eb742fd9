"""The words the charts print, in German and English (titles, legends, axis names)."""

from __future__ import annotations

LOCALES = {"de": "de_DE", "en": "en_US"}
ACTIVITY_NAMES = {"de": {"support": "Kundenservice", "sales": "Vertrieb", "marketing": "Marketing",
                         "ops": "Betrieb", "product": "Produkt", "admin": "Verwaltung",
                         "automation": "Automatisierung", "other": "Sonstiges"}}
WORDS = {
    "de": {"no_data": "Keine Daten erfasst", "week": "KW", "revenue": "Umsatz",
           "costs_acquisition": "Akquise", "costs_variable": "Variable Kosten",
           "costs_fixed": "Fixkosten", "contribution_margin": "Deckungsbeitrag",
           "money": "Umsatz, Kosten und Deckungsbeitrag", "error_rate": "Fehlerquote je 100 Bestellungen",
           "rate": "Fehler je 100", "centre": "Mittelwert", "limits": "Kontrollgrenzen",
           "out": "außer Kontrolle", "hours": "Stunden nach Tätigkeit", "hours_axis": "Stunden",
           "cac": "Kundengewinnungskosten (CAC)", "payback": "Payback (Monate)",
           "ceiling": "Obergrenze", "months": "Monate", "notes": "Notizen", "paused": "pausiert",
           "partial": "nicht alle {n} Wochen erfasst",
           "bend": "Knick (Zahl: Notiz dazu, ?: Frage im Thread)",
           "bend_revenue": "Knick im Umsatz (Zahl: Notiz dazu, ?: Frage im Thread)"},
    "en": {"no_data": "No data recorded", "week": "W", "revenue": "Revenue",
           "costs_acquisition": "Acquisition", "costs_variable": "Variable costs",
           "costs_fixed": "Fixed costs", "contribution_margin": "Contribution margin",
           "money": "Revenue, costs and contribution margin", "error_rate": "Errors per 100 orders",
           "rate": "errors per 100", "centre": "centre line", "limits": "control limits",
           "out": "out of control", "hours": "Hours by activity", "hours_axis": "hours",
           "cac": "Customer acquisition cost (CAC)", "payback": "Payback (months)",
           "ceiling": "ceiling", "months": "months", "notes": "Notes", "paused": "paused",
           "partial": "not all {n} weeks recorded",
           "bend": "bend (number: its note, ?: question in the thread)",
           "bend_revenue": "bend in revenue (number: its note, ?: question in the thread)"},
}


def word(lang: str, key: str) -> str:
    """A chart word in the language (English for any other)."""
    return WORDS.get(lang, WORDS["en"])[key]


def locale_of(lang: str) -> str:
    return LOCALES.get(lang, "en_US")
