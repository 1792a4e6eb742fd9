"""Texts of a workspace's own metrics (`/kpi metric`) and own focus questions (`/kpi questions`)."""

from __future__ import annotations

OWN_METRIC_TEXTS: dict[str, dict[str, str]] = {
    "own_metric_usage": {
        "de": "So legst du eine eigene Kennzahl an: `/kpi metric add SCHLÜSSEL \"Name\" [sum|level|median] "
              "[money|count|percent|minutes]`, z. B. `/kpi metric add newsletter_anmeldungen "
              "\"Newsletter-Anmeldungen\" sum count`.",
        "en": "Define your own metric with `/kpi metric add KEY \"Label\" [sum|level|median] "
              "[money|count|percent|minutes]`, e.g. `/kpi metric add newsletter_signups "
              "\"Newsletter sign-ups\" sum count`.",
    },
    "own_metric_bad_key": {
        "de": "„{key}“ taugt nicht als Schlüssel: 2–40 Zeichen, Kleinbuchstaben a–z, Ziffern und _, "
              "mit einem Buchstaben vorne (z. B. `newsletter_anmeldungen`).",
        "en": "“{key}” cannot be a key: 2–40 characters, lower-case a–z, digits and _, starting "
              "with a letter (e.g. `newsletter_signups`).",
    },
    "own_metric_taken": {
        "de": "„{key}“ gibt es schon als eingebaute Kennzahl oder KPI (`/kpi help` zeigt, wie man "
              "sie erfasst) – wähle für deine eigene Kennzahl einen anderen Schlüssel, z. B. "
              "`{key}_eigen`.",
        "en": "“{key}” already exists as a built-in metric or KPI (`/kpi help` shows how to record "
              "it) – choose another key for your own metric, e.g. `{key}_own`.",
    },
    "own_metric_unknown_word": {
        "de": "„{word}“ verstehe ich hier nicht: erlaubt sind sum, level, median und money, count, "
              "percent, minutes (der Name steht in Anführungszeichen).",
        "en": "I don't understand “{word}” here: use sum, level, median and money, count, "
              "percent, minutes (put the label in quotes).",
    },
    "own_metric_too_many": {
        "de": "Es gibt schon {limit} eigene Kennzahlen – mehr geht nicht.",
        "en": "There are already {limit} own metrics – that is the limit.",
    },
    "own_metric_saved": {
        "de": "✅ Eigene Kennzahl *{label}* (`{key}`, {aggregation}, {unit}) angelegt. Erfassen: "
              "`/kpi record {key} 12`; Ziel: `/kpi goal {key} 20`; sie erscheint in App Home und "
              "im Bericht.",
        "en": "✅ Own metric *{label}* (`{key}`, {aggregation}, {unit}) defined. Record: "
              "`/kpi record {key} 12`; goal: `/kpi goal {key} 20`; it shows in App Home and the "
              "report.",
    },
    "own_metric_updated": {
        "de": "✅ Eigene Kennzahl `{key}` geändert: *{label}*, {aggregation}, {unit}.",
        "en": "✅ Own metric `{key}` changed: *{label}*, {aggregation}, {unit}.",
    },
    "own_metric_title": {"de": "*Eigene Kennzahlen*", "en": "*Own metrics*"},
    "own_metric_none": {
        "de": "Noch keine. Anlegen: `/kpi metric add SCHLÜSSEL \"Name\" [sum|level|median] "
              "[money|count|percent|minutes]`",
        "en": "None yet. Define one: `/kpi metric add KEY \"Label\" [sum|level|median] "
              "[money|count|percent|minutes]`",
    },
    "own_aggregation.sum": {"de": "Wochensumme", "en": "weekly sum"},
    "own_aggregation.level": {"de": "letzter Stand", "en": "latest level"},
    "own_aggregation.median": {"de": "Median", "en": "median"},
    "own_unit.count": {"de": "Anzahl", "en": "count"},
    "own_unit.money": {"de": "Geldbetrag", "en": "money"},
    "own_unit.percent": {"de": "Prozent", "en": "percent"},
    "own_unit.minutes": {"de": "Minuten", "en": "minutes"},
    "forget.own_metric_created_by": {"de": "• deinen Namen von {n} eigenen Kennzahl(en) entfernen",
                                     "en": "• take your name off {n} own metric(s)"},
    "forget.questions_set_by": {"de": "• deinen Namen von den eigenen Fragen des Digests entfernen",
                                "en": "• take your name off the digest's own questions"},
    "questions_not_three": {
        "de": "Ich brauche genau drei Fragen, getrennt durch |, z. B. `/kpi questions Was lief gut? "
              "| Was bremst uns? | Was probieren wir als Nächstes?` (erkannt: {count}). "
              "Zurück zu den Standardfragen: `/kpi questions reset`.",
        "en": "I need exactly three questions separated by |, e.g. `/kpi questions What went well? "
              "| What slows us down? | What do we try next?` (found: {count}). "
              "Back to the default questions: `/kpi questions reset`.",
    },
    "questions_saved": {
        "de": "✅ Die drei Fragen des Digests sind jetzt:",
        "en": "✅ The digest's three questions are now:",
    },
    "questions_reset": {
        "de": "✅ Der Digest stellt wieder die Standardfragen:",
        "en": "✅ The digest asks the default questions again:",
    },
    "questions_current": {
        "de": "Die drei Fragen des Digests (ändern: `/kpi questions F1 | F2 | F3`, zurücksetzen: "
              "`/kpi questions reset`):",
        "en": "The digest's three questions (change: `/kpi questions Q1 | Q2 | Q3`, reset: "
              "`/kpi questions reset`):",
    },
}
