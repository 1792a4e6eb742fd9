"""German and English words for activities, metrics and note kinds."""

from __future__ import annotations

from metrics.vocabulary import ACTIVITIES, NOTE_KINDS, RECORDED_METRICS

ACTIVITY_ALIASES = {
    "vertrieb": "sales", "verkauf": "sales", "betrieb": "ops", "produkt": "product",
    "verwaltung": "admin", "automatisierung": "automation", "sonstiges": "other",
    "kundenservice": "support", "service": "support",
}
METRIC_ALIASES = {
    "umsatz": "revenue", "bestellungen": "orders", "aufträge": "orders", "fehler": "errors",
    "neukunden": "new_customers", "kunden": "active_customers",
    "aktive_kunden": "active_customers", "abwanderung": "churned_customers",
    "kündigungen": "churned_customers", "wiederkäufe": "repeat_orders",
    "aktivierungen": "activations", "tickets": "tickets", "lieferungen": "deliveries",
    "verspätete_lieferungen": "late_deliveries", "impressionen": "impressions",
    "klicks": "clicks", "aufrufe": "views", "kommentare": "comments", "gesendet": "sent",
    "antworten": "responses", "qualifizierte_leads": "qualified_leads",
    "sitzungen": "sessions", "besuche": "sessions", "retouren": "returns",
}
NOTE_KIND_ALIASES = {"kontext": "context", "wert": "value", "blockade": "blocker",
                     "hypothese": "hypothesis", "entscheidung": "decision"}


def activity_of(word: str) -> str | None:
    word = word.lower()
    return word if word in ACTIVITIES else ACTIVITY_ALIASES.get(word)


def metric_of(word: str) -> str | None:
    word = word.lower()
    return word if word in RECORDED_METRICS else METRIC_ALIASES.get(word)


def note_kind_of(word: str) -> str | None:
    word = word.lower()
    return word if word in NOTE_KINDS else NOTE_KIND_ALIASES.get(word)
