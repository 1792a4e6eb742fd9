"""The catalog of input errors: what is wrong, and a correct example, in German and English."""

from __future__ import annotations

COST_EXAMPLE = "/cost 49,90 tools Zapier"
HOURS_EXAMPLE = "/hours 1h30 support"
RECORD_EXAMPLE = "/kpi record orders 42"
NOTE_EXAMPLE = "/note Newsletter auf Dienstag verschoben"

MESSAGES: dict[str, tuple[str, str]] = {
    "amount_missing": ("Es fehlt der Betrag. Beispiel: {cost}", "The amount is missing. Example: {cost}"),
    "amount_invalid": ("„{text}“ ist kein Betrag. Beispiel: {cost} (oder 1.234,56)", "“{text}” is not an amount. Example: {cost} (or 1,234.56)"),
    "amount_not_positive": ("Ein Betrag muss größer als 0 sein, nicht „{text}“. Beispiel: {cost}", "An amount must be more than 0, not “{text}”. Example: {cost}"),
    "amount_too_large": ("„{text}“ ist über 10 Millionen – bitte prüfen. Beispiel: {cost}", "“{text}” is over 10 million – please check. Example: {cost}"),
    "currency_mismatch": ("Dieser Workspace rechnet in {expected}, nicht in {found}. Beispiel: /cost 49,90 {expected} tools", "This workspace counts in {expected}, not {found}. Example: /cost 49.90 {expected} tools"),
    "value_missing": ("Es fehlt der Wert. Beispiel: {record}", "The value is missing. Example: {record}"),
    "value_invalid": ("„{text}“ ist keine Zahl. Beispiel: {record}", "“{text}” is not a number. Example: {record}"),
    "value_negative": ("Der Wert darf nicht negativ sein („{text}“). Beispiel: {record}", "The value cannot be negative (“{text}”). Example: {record}"),
    "value_too_large": ("„{text}“ ist zu groß. Beispiel: {record}", "“{text}” is too large. Example: {record}"),
    "duration_missing": ("Es fehlt die Dauer. Beispiel: {hours} (auch 1,5 · 90m · 1:30)", "The duration is missing. Example: {hours} (also 1.5 · 90m · 1:30)"),
    "duration_invalid": ("„{text}“ ist keine Dauer. Beispiel: {hours} (auch 1,5 · 90m · 1:30)", "“{text}” is not a duration. Example: {hours} (also 1.5 · 90m · 1:30)"),
    "duration_not_positive": ("Eine Dauer muss größer als 0 sein. Beispiel: {hours}", "A duration must be more than 0. Example: {hours}"),
    "duration_too_long": ("{text} sind mehr als 24 Stunden in einem Eintrag – bitte auf Tage aufteilen. Beispiel: /hours 8h ops date:gestern", "{text} is more than 24 hours in one entry – please split it by day. Example: /hours 8h ops date:yesterday"),
    "date_invalid": ("„{text}“ ist kein Datum. Beispiele: heute, gestern, 20.11., 2026-11-20, -3", "“{text}” is not a date. Examples: today, yesterday, 2026-11-20, 20.11., -3"),
    "date_not_exist": ("Den {text} gibt es nicht. Beispiel: date:28.02.", "{text} does not exist. Example: date:2026-02-28"),
    "date_too_far": ("{text} liegt mehr als ein Jahr in der Zukunft. Beispiel: date:heute", "{text} is more than a year ahead. Example: date:today"),
    "unknown_option": ("Die Option „{key}:“ kenne ich nicht. Möglich: {valid}. Beispiel: {example}", "I don't know the option “{key}:”. Possible: {valid}. Example: {example}"),
    "unknown_metric": ("Die Kennzahl „{name}“ kenne ich nicht.{hint} Beispiel: {record}", "I don't know the metric “{name}”.{hint} Example: {record}"),
    "unknown_kpi": ("„{name}“ ist keine KPI. Beispiel: error_rate_per_100", "“{name}” is not a KPI. Example: error_rate_per_100"),
    "unknown_activity": ("Die Tätigkeit „{name}“ kenne ich nicht. Möglich: {valid}. Beispiel: {hours}", "I don't know the activity “{name}”. Possible: {valid}. Example: {hours}"),
    "unknown_note_kind": ("Die Notiz-Art „{name}“ kenne ich nicht. Möglich: {valid}. Beispiel: /note Lieferant verspätet kind:blocker", "I don't know the note kind “{name}”. Possible: {valid}. Example: /note Supplier late kind:blocker"),
    "every_invalid": ("every: geht nur mit month oder year, nicht „{text}“. Beispiel: /cost 49,90 tools Zapier every:month", "every: takes month or year, not “{text}”. Example: /cost 49.90 tools Zapier every:month"),
    "cause_only_errors": ("cause: gibt es nur bei errors. Beispiel: /kpi record errors 3 cause:rework", "cause: is only for errors. Example: /kpi record errors 3 cause:rework"),
    "channel_not_for_errors": ("Fehler haben eine Ursache statt eines Kanals. Beispiel: /kpi record errors 3 cause:rework", "Errors have a cause instead of a channel. Example: /kpi record errors 3 cause:rework"),
    "note_empty": ("Die Notiz ist leer. Beispiel: {note}", "The note is empty. Example: {note}"),
    "note_too_long": ("Die Notiz hat {length} Zeichen; erlaubt sind {limit}. Bitte kürzen oder aufteilen. Beispiel: {note}", "The note has {length} characters; {limit} are allowed. Please shorten or split it. Example: {note}"),
    "text_too_long": ("„{field}“ ist zu lang (höchstens {limit} Zeichen).", "“{field}” is too long (at most {limit} characters)."),
    "event_not_object": ("Ein Ereignis muss ein JSON-Objekt sein.", "An event must be a JSON object."),
    "event_field_missing": ("Feld „{field}“ fehlt.", "field “{field}” is missing"),
    "event_field_unknown": ("Unbekanntes Feld „{field}“.", "unknown field “{field}”"),
    "event_field_type": ("Feld „{field}“ muss {expected} sein.", "field “{field}” must be {expected}"),
    "event_type_unknown": ("type muss cost, hours, metric oder note sein, nicht „{text}“.", "type must be cost, hours, metric or note, not “{text}”"),
    "event_date_missing": ("occurred_on (YYYY-MM-DD) oder occurred_at (ISO 8601 mit Zeitzone) fehlt.", "occurred_on (YYYY-MM-DD) or occurred_at (ISO 8601 with offset) is missing"),
    "event_datetime_invalid": ("occurred_at „{text}“ ist kein ISO-8601-Zeitpunkt mit Zeitzone.", "occurred_at “{text}” is not an ISO 8601 time with offset, e.g. 2026-11-20T14:30:00+01:00"),
    "csv_unknown_setting": ("Unbekannte Einstellung „{name}“.", "unknown setting “{name}”"),
    "csv_unknown_class": ("Unbekannte Kostenklasse „{name}“ (acquisition, variable, fixed).", "unknown cost class “{name}” (acquisition, variable, fixed)"),
    "csv_unknown_every": ("every muss month oder year sein, nicht „{name}“.", "every must be month or year, not “{name}”"),
    "csv_unknown_activity": ("Unbekannte Tätigkeit „{name}“.", "unknown activity “{name}”"),
    "csv_bad_note": ("Notiz ohne Text oder mit unbekannter Art „{name}“.", "note without text or with unknown kind “{name}”"),
    "csv_unknown_kind": ("kind muss cost, hours, metric, note, setting oder goal sein, nicht „{name}“.", "kind must be cost, hours, metric, note, setting or goal, not “{name}”"),
}

EXAMPLES = {"cost": COST_EXAMPLE, "hours": HOURS_EXAMPLE, "record": RECORD_EXAMPLE,
            "note": NOTE_EXAMPLE}


def render(code: str, lang: str, params: dict) -> str:
    """The message for an error code in a language (English when unknown)."""
    de, en = MESSAGES.get(code, (code, code))
    template = de if lang == "de" else en
    values = {**EXAMPLES, "hint": "", "example": COST_EXAMPLE, "valid": "", **params}
    if code == "unknown_metric" and params.get("suggestion"):
        values["hint"] = (f" Meintest du „{params['suggestion']}“?" if lang == "de"
                          else f" Did you mean “{params['suggestion']}”?")
    values = {key: "" if value is None else value for key, value in values.items()}
    return template.format(**values)
