"""The built-in vocabulary as a German workspace reads it: metrics, activities, cost categories
and classes, error causes, note kinds. Storage keeps the English keys; English shows them."""

from __future__ import annotations

from collections.abc import Iterable

METRIC_WORDS = {
    "revenue": "Umsatz", "orders": "Bestellungen", "leads": "Leads",
    "qualified_leads": "qualifizierte Leads", "new_customers": "Neukunden",
    "churned_customers": "abgewanderte Kunden", "repeat_orders": "Wiederkäufe",
    "activations": "Aktivierungen", "errors": "Fehler", "tickets": "Tickets",
    "deliveries": "Lieferungen", "late_deliveries": "verspätete Lieferungen",
    "impressions": "Impressionen", "clicks": "Klicks", "views": "Aufrufe", "likes": "Likes",
    "comments": "Kommentare", "sent": "Gesendet", "responses": "Antworten",
    "active_customers": "aktive Kunden", "first_response_minutes": "Erste Antwort (Minuten)",
    "lead_to_order_days": "Lead bis Auftrag (Tage)",
    "order_to_delivery_days": "Auftrag bis Lieferung (Tage)",
    "sessions": "Sitzungen", "returns": "Retouren",
}
ACTIVITY_WORDS = {
    "support": "Kundenservice", "sales": "Vertrieb", "marketing": "Marketing", "ops": "Betrieb",
    "product": "Produkt", "admin": "Verwaltung", "automation": "Automatisierung",
    "other": "Sonstiges",
}
CATEGORY_WORDS = {
    "ads": "Werbung", "goods": "Wareneinsatz", "cogs": "Wareneinsatz", "fees": "Gebühren",
    "payment": "Zahlungsgebühren", "shipping": "Versand", "freelancer": "Freelancer",
    "tools": "Tools", "software": "Software", "rent": "Miete", "subscriptions": "Abos",
    # categories stored in German before input mapped them to the keys above
    "werbung": "Werbung", "wareneinsatz": "Wareneinsatz", "gebuehren": "Gebühren",
    "versand": "Versand", "miete": "Miete", "abos": "Abos", "sonstiges": "Sonstiges",
}
CLASS_WORDS = {"acquisition": "Akquise", "variable": "variabel", "fixed": "fix"}
CAUSE_WORDS = {"rework": "Nacharbeit", "inquiry": "Rückfrage", "cancellation": "Storno",
               "return": "Rücksendung"}
NOTE_KIND_WORDS = {"context": "Kontext", "value": "Wert", "blocker": "Blocker",
                   "hypothesis": "Hypothese", "decision": "Entscheidung"}
TYPED_INPUTS = {"costs": "kosten", "hours": "stunden"}
RECURRENCE_WORDS = {"month": "monatlich", "year": "jährlich"}

GERMAN: dict[str, str] = {**CATEGORY_WORDS, **CLASS_WORDS, **CAUSE_WORDS, **NOTE_KIND_WORDS,
                          **RECURRENCE_WORDS, **METRIC_WORDS, **ACTIVITY_WORDS}


def word(key: str, lang: str) -> str:
    """A stored key as the workspace reads it: German for a built-in word in a German
    workspace, else the key as stored."""
    return GERMAN.get(key, key) if lang == "de" else key


def typed_word(key: str, lang: str) -> str:
    """What to type for a metric in the workspace's language (`aktive_kunden`), else the key."""
    if lang == "de" and key in TYPED_INPUTS:
        return TYPED_INPUTS[key]
    if lang == "de" and key in METRIC_WORDS:
        return "_".join(METRIC_WORDS[key].lower().replace("(", " ").replace(")", " ").split())
    return key


def words(keys: Iterable[str], lang: str) -> str:
    """Several keys as a comma-separated list."""
    return ", ".join(word(key, lang) for key in keys)

# `northstar report`: its headings, alert states and window names
REPORT_TEXTS: dict[str, dict[str, str]] = {
    "report.alerts": {"de": "Alarme:", "en": "alerts:"},
    "report.fired": {"de": "AUSGELÖST", "en": "FIRED"},
    "report.ok": {"de": "ok", "en": "ok"},
    "report.no_verdict": {"de": "kein Urteil", "en": "no verdict"},
    "report.window.week": {"de": "Woche", "en": "week"},
    "report.window.t4w": {"de": "4 Wochen", "en": "t4w"},
    "report.window.t52w": {"de": "52 Wochen", "en": "t52w"},
}
