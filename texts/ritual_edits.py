"""Edits and their audit trail, dated goals, drafted focus questions, the 13-week scorecard."""

from __future__ import annotations

RITUAL_EDIT_TEXTS: dict[str, dict[str, str]] = {
    "edit": {"de": "Bearbeiten", "en": "Edit"},
    "edit_title": {"de": "Eintrag bearbeiten", "en": "Edit entry"},
    "edited": {"de": "✏️ Geändert: {what}", "en": "✏️ Changed: {what}"},
    "edit_unchanged": {"de": "Nichts geändert: {what}", "en": "Nothing changed: {what}"},
    "edit_not_yours": {
        "de": "Nur wer den Eintrag gemacht hat oder ein Workspace-Admin kann ihn bearbeiten.",
        "en": "Only the person who made the entry or a workspace admin can edit it.",
    },
    "edit_kind": {"de": "Die Art eines Eintrags lässt sich nicht ändern – lösch ihn und erfasse "
                        "ihn neu.",
                  "en": "An entry's kind cannot be changed – delete it and record it anew."},
    "audit_line": {"de": "✏️ {user} · {when}: {changes}", "en": "✏️ {user} · {when}: {changes}"},
    "field.occurred_on": {"de": "Datum", "en": "date"},
    "field.quantity": {"de": "Wert", "en": "value"},
    "field.category": {"de": "Kategorie", "en": "category"},
    "field.cost_class": {"de": "Kostenart", "en": "cost class"},
    "field.every": {"de": "wiederkehrend", "en": "recurring"},
    "field.activity": {"de": "Tätigkeit", "en": "activity"},
    "field.metric": {"de": "Kennzahl", "en": "metric"},
    "field.channel": {"de": "Kanal", "en": "channel"},
    "field.cause": {"de": "Ursache", "en": "cause"},
    "field.description": {"de": "Beschreibung", "en": "description"},
    "field.note_kind": {"de": "Art", "en": "kind"},
    "changed_after": {"de": "✏️ KW {week} nach dem Digest geändert: {changes}",
                      "en": "✏️ W{week} changed after its digest: {changes}"},
    "focus_red": {"de": "{label} {n} Wochen rot – was ist die Ursache, wer kümmert sich?",
                  "en": "{label} red for {n} weeks – what is the cause, who takes care of it?"},
    "focus_alert": {"de": "{label}: Warnung besteht weiter – was ist die Ursache, wer kümmert "
                          "sich?",
                    "en": "{label}: the alert persists – what is the cause, who takes care of "
                          "it?"},
    "focus_owner": {"de": " (<@{user}>)", "en": " (<@{user}>)"},
    "home_title": {"de": "📋 Scorecard der letzten {n} Wochen", "en": "📋 Scorecard of the last {n} weeks"},
    "home_legend": {"de": "Je Woche Wert und Ziel-Farbe: 🟢 im Ziel · 🟡 knapp · 🔴 verfehlt · "
                          "⚪ kein Ziel · ▫️ nicht erfasst · ⏳ zu wenige Wochen erfasst für den "
                          "Mehrwochenwert · ⏸️ pausiert",
                    "en": "Per week value and goal colour: 🟢 on goal · 🟡 close · 🔴 off goal · "
                          "⚪ no goal · ▫️ not recorded · ⏳ too few weeks recorded for the "
                          "multi-week value · ⏸️ paused"},
    "home_missing": {"de": "🕳️ *Fehlt diese Woche (KW {week}):* {names}",
                     "en": "🕳️ *Missing this week (W{week}):* {names}"},
    "home_complete": {"de": "✅ Diese Woche (KW {week}) ist alles erfasst.",
                      "en": "✅ Everything is recorded this week (W{week})."},
    "home_digests": {"de": "*Digests:* {links}", "en": "*Digests:* {links}"},
    "home_no_digests": {"de": "Noch kein Digest gepostet.", "en": "No digest posted yet."},
    "home_link": {"de": "📋 Die 13-Wochen-Scorecard steht in <{url}|App Home>.",
                  "en": "📋 The 13-week scorecard is in <{url}|App Home>."},
    "week_short": {"de": "KW{week}", "en": "W{week}"},
}
