"""German and English words for activities, metrics, cost categories and classes, error causes
and note kinds: every input path maps them to the stored (English) key."""

from __future__ import annotations

from metrics.vocabulary import ACTIVITIES, COST_CLASSES, NOTE_KINDS, RECORDED_METRICS

# Error causes northstar knows by name; other causes are stored as typed.
CAUSES: tuple[str, ...] = ("rework", "inquiry", "cancellation", "return")

ACTIVITY_ALIASES = {
    "vertrieb": "sales", "verkauf": "sales", "betrieb": "ops", "produkt": "product",
    "verwaltung": "admin", "automatisierung": "automation", "sonstiges": "other",
    "kundenservice": "support", "service": "support",
}
METRIC_ALIASES = {
    "umsatz": "revenue", "bestellungen": "orders", "aufträge": "orders", "fehler": "errors",
    "neukunden": "new_customers", "kunden": "active_customers",
    "aktive_kunden": "active_customers", "abwanderung": "churned_customers",
    "kündigungen": "churned_customers", "abgewanderte_kunden": "churned_customers",
    "wiederkäufe": "repeat_orders", "aktivierungen": "activations", "tickets": "tickets",
    "lieferungen": "deliveries", "verspätete_lieferungen": "late_deliveries",
    "impressionen": "impressions", "klicks": "clicks", "aufrufe": "views",
    "kommentare": "comments", "gesendet": "sent", "antworten": "responses",
    "qualifizierte_leads": "qualified_leads", "erste_antwort_minuten": "first_response_minutes",
    "lead_bis_auftrag_tage": "lead_to_order_days",
    "auftrag_bis_lieferung_tage": "order_to_delivery_days",
    "sitzungen": "sessions", "besuche": "sessions", "retouren": "returns",
}
CATEGORY_ALIASES = {
    "werbung": "ads", "wareneinsatz": "goods", "waren": "goods", "gebühren": "fees",
    "gebuehren": "fees", "zahlungsgebühren": "payment", "zahlung": "payment",
    "versand": "shipping", "miete": "rent", "abos": "subscriptions", "abonnements": "subscriptions",
    "sonstiges": "other", "vertrieb": "sales",
}
CLASS_ALIASES = {"akquise": "acquisition", "variabel": "variable", "fix": "fixed",
                 "fixkosten": "fixed"}
CAUSE_ALIASES = {"nacharbeit": "rework", "rückfrage": "inquiry", "rueckfrage": "inquiry",
                 "storno": "cancellation", "stornierung": "cancellation",
                 "rücksendung": "return", "ruecksendung": "return", "retoure": "return"}
# inputs that are no recorded metric (owners are set per input)
INPUT_ALIASES = {"kosten": "costs", "stunden": "hours"}
NOTE_KIND_ALIASES = {"kontext": "context", "notiz": "context", "wert": "value",
                     "blockade": "blocker", "hypothese": "hypothesis",
                     "entscheidung": "decision"}


def _spelled(word: str) -> str:
    """Lower case, brackets dropped and blanks as underscores (`Aktive Kunden` is
    `aktive_kunden`, `Erste Antwort (Minuten)` is `erste_antwort_minuten`)."""
    return "_".join(word.lower().replace("(", " ").replace(")", " ").split())


def activity_of(word: str) -> str | None:
    word = _spelled(word)
    return word if word in ACTIVITIES else ACTIVITY_ALIASES.get(word)


def metric_of(word: str) -> str | None:
    word = _spelled(word)
    return word if word in RECORDED_METRICS else METRIC_ALIASES.get(word)


def input_of(word: str) -> str | None:
    """The key of an input (a recorded metric, `costs` or `hours`) from either language."""
    return metric_of(word) or INPUT_ALIASES.get(_spelled(word))


def note_kind_of(word: str) -> str | None:
    word = _spelled(word)
    return word if word in NOTE_KINDS else NOTE_KIND_ALIASES.get(word)


def cost_class_of(word: str) -> str | None:
    word = _spelled(word)
    return word if word in COST_CLASSES else CLASS_ALIASES.get(word)


def category_of(word: str) -> str:
    """The stored key of a cost category: a German word of a built-in one becomes its key,
    any other category stays as typed (lower case)."""
    word = word.lower()
    return CATEGORY_ALIASES.get(word, word)


def cause_of(word: str) -> str:
    """The stored key of an error cause: a German word of a known cause becomes its key,
    any other cause stays as typed (lower case)."""
    word = word.lower()
    return CAUSE_ALIASES.get(word, word)


def category_and_class(word: str, classes: dict[str, str]) -> tuple[str, str]:
    """The stored category key and its cost class (the typed word's own class first, so a
    workspace's own mapping of a German word still counts; `fixed` when none is known)."""
    key = category_of(word)
    return key, classes.get(word.lower()) or classes.get(key) or "fixed"
