"""Texts for input errors: what is wrong, and a correct example."""

from __future__ import annotations

COST_EXAMPLE = "/cost 49,90 tools Zapier"
HOURS_EXAMPLE = "/hours 1h30 support"
RECORD_EXAMPLE = "/kpi record orders 42"
NOTE_EXAMPLE = "/note Newsletter auf Dienstag verschoben"
EXAMPLES = {"cost": COST_EXAMPLE, "hours": HOURS_EXAMPLE, "record": RECORD_EXAMPLE, "note": NOTE_EXAMPLE,
            "example": COST_EXAMPLE, "hint": "", "valid": ""}
# the same examples in a German workspace's words
GERMAN_EXAMPLES = {**EXAMPLES, "hours": "/hours 1h30 kundenservice",
                   "record": "/kpi record bestellungen 42"}


def examples(lang: str) -> dict[str, str]:
    """The example commands error texts show, in the language's words."""
    return GERMAN_EXAMPLES if lang == "de" else EXAMPLES

INPUT_TEXTS: dict[str, dict[str, str]] = {
    "amount_missing": {"de": "Es fehlt der Betrag. Beispiel: {cost}", "en": "The amount is missing. Example: {cost}"},
    "amount_invalid": {"de": "„{text}“ ist kein Betrag. Beispiel: {cost} (oder 1.234,56)", "en": "“{text}” is not an amount. Example: {cost} (or 1,234.56)"},
    "amount_not_positive": {"de": "Ein Betrag muss größer als 0 sein, nicht „{text}“. Beispiel: {cost}", "en": "An amount must be more than 0, not “{text}”. Example: {cost}"},
    "amount_too_large": {"de": "„{text}“ ist über 10 Millionen – bitte prüfen. Beispiel: {cost}", "en": "“{text}” is over 10 million – please check. Example: {cost}"},
    "currency_mismatch": {"de": "Dieser Workspace rechnet in {expected}, nicht in {found}. Beispiel: /cost 49,90 {expected} tools", "en": "This workspace counts in {expected}, not {found}. Example: /cost 49.90 {expected} tools"},
    "value_missing": {"de": "Es fehlt der Wert. Beispiel: {record}", "en": "The value is missing. Example: {record}"},
    "value_invalid": {"de": "„{text}“ ist keine Zahl. Beispiel: {record}", "en": "“{text}” is not a number. Example: {record}"},
    "value_negative": {"de": "Der Wert darf nicht negativ sein („{text}“). Beispiel: {record}", "en": "The value cannot be negative (“{text}”). Example: {record}"},
    "value_too_large": {"de": "„{text}“ ist zu groß. Beispiel: {record}", "en": "“{text}” is too large. Example: {record}"},
    "duration_missing": {"de": "Es fehlt die Dauer. Beispiel: {hours} (auch 1,5 · 90m · 1:30)", "en": "The duration is missing. Example: {hours} (also 1.5 · 90m · 1:30)"},
    "duration_invalid": {"de": "„{text}“ ist keine Dauer. Beispiel: {hours} (auch 1,5 · 90m · 1:30)", "en": "“{text}” is not a duration. Example: {hours} (also 1.5 · 90m · 1:30)"},
    "duration_not_positive": {"de": "Eine Dauer muss größer als 0 sein. Beispiel: {hours}", "en": "A duration must be more than 0. Example: {hours}"},
    "duration_too_long": {"de": "{text} sind mehr als 24 Stunden in einem Eintrag – bitte auf Tage aufteilen. Beispiel: /hours 8h ops date:gestern", "en": "{text} is more than 24 hours in one entry – please split it by day. Example: /hours 8h ops date:yesterday"},
    "date_invalid": {"de": "„{text}“ ist kein Datum. Beispiele: heute, gestern, 20.11., 2026-11-20, -3", "en": "“{text}” is not a date. Examples: today, yesterday, 2026-11-20, 20.11., -3"},
    "date_not_exist": {"de": "Den {text} gibt es nicht. Beispiel: date:28.02.", "en": "{text} does not exist. Example: date:2026-02-28"},
    "date_too_early": {"de": "{text} liegt vor dem {earliest}; so weit zurück nimmt northstar nichts an. Beispiel: date:heute", "en": "{text} is before {earliest}; northstar takes nothing that far back. Example: date:today"},
    "date_too_far": {"de": "{text} liegt mehr als ein Jahr in der Zukunft. Beispiel: date:heute", "en": "{text} is more than a year ahead. Example: date:today"},
    "unknown_option": {"de": "Die Option „{key}:“ kenne ich nicht. Möglich: {valid}. Beispiel: {example}", "en": "I don't know the option “{key}:”. Possible: {valid}. Example: {example}"},
    "unknown_metric": {"de": "Die Kennzahl „{name}“ kenne ich nicht.{hint} Beispiel: {record}", "en": "I don't know the metric “{name}”.{hint} Example: {record}"},
    "unknown_kpi": {"de": "„{name}“ ist keine KPI. Beispiel: error_rate_per_100", "en": "“{name}” is not a KPI. Example: error_rate_per_100"},
    "unknown_activity": {"de": "Die Tätigkeit „{name}“ kenne ich nicht. Möglich: {valid}. Beispiel: {hours}", "en": "I don't know the activity “{name}”. Possible: {valid}. Example: {hours}"},
    "unknown_note_kind": {"de": "Die Notiz-Art „{name}“ kenne ich nicht. Möglich: {valid}. Beispiel: /note Lieferant verspätet kind:blocker", "en": "I don't know the note kind “{name}”. Possible: {valid}. Example: /note Supplier late kind:blocker"},
    "every_invalid": {"de": "every: geht nur mit monat oder jahr, nicht „{text}“. Beispiel: /cost 49,90 tools Zapier every:monat", "en": "every: takes month or year, not “{text}”. Example: /cost 49.90 tools Zapier every:month"},
    "cause_only_errors": {"de": "cause: gibt es nur bei Fehlern. Beispiel: /kpi record fehler 3 cause:nacharbeit", "en": "cause: is only for errors. Example: /kpi record errors 3 cause:rework"},
    "channel_not_for_errors": {"de": "Fehler haben eine Ursache statt eines Kanals. Beispiel: /kpi record fehler 3 cause:nacharbeit", "en": "Errors have a cause instead of a channel. Example: /kpi record errors 3 cause:rework"},
    "note_empty": {"de": "Die Notiz ist leer. Beispiel: {note}", "en": "The note is empty. Example: {note}"},
    "note_too_long": {"de": "Die Notiz hat {length} Zeichen; erlaubt sind {limit}. Bitte kürzen oder aufteilen. Beispiel: {note}", "en": "The note has {length} characters; {limit} are allowed. Please shorten or split it. Example: {note}"},
    "text_too_long": {"de": "„{field}“ ist zu lang (höchstens {limit} Zeichen).", "en": "“{field}” is too long (at most {limit} characters)."},
    "event_not_object": {"de": "Ein Ereignis muss ein JSON-Objekt sein.", "en": "An event must be a JSON object."},
    "event_field_missing": {"de": "Feld „{field}“ fehlt.", "en": "field “{field}” is missing"},
    "event_field_unknown": {"de": "Unbekanntes Feld „{field}“.", "en": "unknown field “{field}”"},
    "event_field_type": {"de": "Feld „{field}“ muss {expected} sein.", "en": "field “{field}” must be {expected}"},
    "event_type_unknown": {"de": "type muss cost, hours, metric oder note sein, nicht „{text}“.", "en": "type must be cost, hours, metric or note, not “{text}”"},
    "event_date_missing": {"de": "occurred_on (YYYY-MM-DD) oder occurred_at (ISO 8601 mit Zeitzone) fehlt.", "en": "occurred_on (YYYY-MM-DD) or occurred_at (ISO 8601 with offset) is missing"},
    "event_datetime_invalid": {"de": "occurred_at „{text}“ ist kein ISO-8601-Zeitpunkt mit Zeitzone.", "en": "occurred_at “{text}” is not an ISO 8601 time with offset, e.g. 2026-11-20T14:30:00+01:00"},
    "csv_unknown_setting": {"de": "Unbekannte Einstellung „{name}“.", "en": "unknown setting “{name}”"},
    "csv_unknown_class": {"de": "Unbekannte Kostenklasse „{name}“ (möglich: {valid}).", "en": "unknown cost class “{name}” (possible: {valid})"},
    "csv_unknown_every": {"de": "every muss monat oder jahr sein, nicht „{name}“.", "en": "every must be month or year, not “{name}”"},
    "csv_unknown_activity": {"de": "Unbekannte Tätigkeit „{name}“ (möglich: {valid}).", "en": "unknown activity “{name}” (possible: {valid})"},
    "csv_bad_note": {"de": "Notiz ohne Text oder mit unbekannter Art „{name}“.", "en": "note without text or with unknown kind “{name}”"},
    "csv_unknown_kind": {"de": "kind muss cost, hours, metric, note, setting oder goal sein, nicht „{name}“.", "en": "kind must be cost, hours, metric, note, setting or goal, not “{name}”"},
}
