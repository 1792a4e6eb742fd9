"""Texts of owners, nudges, pauses and away people."""

from __future__ import annotations

OWNER_TEXTS: dict[str, dict[str, str]] = {
    "owner_usage": {"de": "Beispiel: `/kpi owner orders @ben` (oder `/kpi owner orders -` zum Entfernen).", "en": "Example: `/kpi owner orders @ben` (or `/kpi owner orders -` to clear)."},
    "owner_unknown_input": {"de": "„{name}“ ist keine Eingabe und keine KPI. Eingaben: {valid}", "en": "“{name}” is neither an input nor a KPI. Inputs: {valid}"},
    "owner_not_a_mention": {"de": "„{text}“ ist keine Person. Bitte mit @ erwähnen, z. B. `@ben`.", "en": "“{text}” is not a person. Please mention them with @, e.g. `@ben`."},
    "owner_set": {"de": "👤 {input}: verantwortlich ist jetzt <@{user}>.", "en": "👤 {input}: now owned by <@{user}>."},
    "owner_cleared": {"de": "👤 {input}: keine feste Verantwortung mehr – es gilt, wer es in den letzten 8 Wochen am häufigsten erfasst hat.", "en": "👤 {input}: no set owner any more – whoever recorded it most often in the last 8 weeks owns it."},
    "owners_title": {"de": "*Verantwortliche* (_gesetzt_ oder nach Häufigkeit der letzten 8 Wochen)", "en": "*Owners* (_set_ or by who recorded most in the last 8 weeks)"},
    "owners_none": {"de": "Noch niemand. Beispiel: `/kpi owner orders @ben`", "en": "Nobody yet. Example: `/kpi owner orders @ben`"},
    "owner_by_default": {"de": "zuletzt am häufigsten erfasst", "en": "recorded most lately"},
    "owner_on_goal": {"de": "👤 verantwortlich: <@{user}>", "en": "👤 owner: <@{user}>"},
    "pause_usage": {"de": "Beispiel: `/kpi pause 2026-W52` oder `/kpi pause until 2027-01-04`.", "en": "Example: `/kpi pause 2026-W52` or `/kpi pause until 2027-01-04`."},
    "pause_date": {"de": "{problem}", "en": "{problem}"},
    "pause_past": {"de": "Der {day} ist schon vorbei.", "en": "{day} is already past."},
    "pause_too_long": {"de": "{weeks} Wochen sind zu viele (höchstens {limit}).", "en": "{weeks} weeks are too many (at most {limit})."},
    "paused": {"de": "⏸️ Pausiert: {weeks} – kein Digest, keine Erinnerungen; diese Wochen sind weder Lücke noch Teil einer Basislinie. `/kpi resume` hebt die Pause auf.", "en": "⏸️ Paused: {weeks} – no digest, no nudges; these weeks are neither gaps nor part of a baseline. `/kpi resume` lifts the pause."},
    "resumed": {"de": "▶️ Weiter geht's: {n} pausierte Woche(n) ab dieser Woche aufgehoben.", "en": "▶️ Resumed: {n} paused week(s) from this week on lifted."},
    "resumed_week": {"de": "▶️ {week} ist nicht mehr pausiert: die Woche zählt wieder für Lücken und Basislinien (ein verpasster Digest wird nicht nachgeholt; `/kpi digest` zeigt die laufende Woche).", "en": "▶️ {week} is no longer paused: it counts again for gaps and baselines (a digest it skipped is not posted afterwards; `/kpi digest` shows the current week)."},
    "resume_none_week": {"de": "{week} war nicht pausiert.", "en": "{week} was not paused."},
    "resume_usage": {"de": "Beispiel: `/kpi resume` (ab dieser Woche) oder `/kpi resume 2026-W47` (genau diese Woche).", "en": "Example: `/kpi resume` (from this week on) or `/kpi resume 2026-W47` (that week only)."},
    "resume_none": {"de": "Ab dieser Woche ist nichts pausiert.", "en": "Nothing is paused from this week on."},
    "away_usage": {"de": "Beispiel: `/kpi away until 2026-12-31` oder `/kpi away off`.", "en": "Example: `/kpi away until 2026-12-31` or `/kpi away off`."},
    "away_set": {"de": "🏖️ Du bist bis {day} abwesend: keine Erinnerungen; deine Eingaben stehen im Digest als „Verantwortliche*r abwesend“.", "en": "🏖️ You are away until {day}: no nudges; your inputs show as “owner away” in the digest."},
    "away_off": {"de": "👋 Willkommen zurück – Erinnerungen sind wieder an.", "en": "👋 Welcome back – nudges are on again."},
    "setting_nudge": {"de": "Erinnerung: Wochentag und Uhrzeit, z. B. `/kpi settings nudge so 15:00`, oder `off`.", "en": "Nudge: a weekday and a time, e.g. `/kpi settings nudge sun 15:00`, or `off`."},
    "settings_field.nudge": {"de": "Erinnerung (z. B. „so 15:00“ oder „off“)", "en": "Nudge (e.g. “sun 15:00” or “off”)"},
    "nudge_default": {"de": "Tag vor dem Digest, 15:00", "en": "the day before the digest, 15:00"},
    "nudge.intro": {"de": "👋 Bald kommt der Wochen-Digest für KW {week}. Von dir fehlt noch:", "en": "👋 The digest for W{week} is coming soon. Still missing from you:"},
    "nudge.footer": {"de": "Nichts davon gehabt? „Nichts diese Woche“ zählt als bekannt, nicht als Lücke. `/kpi away until …` pausiert die Erinnerungen.", "en": "Had none of it? “Nothing this week” counts as known, not as a gap. `/kpi away until …` pauses these nudges."},
    "nudge.record": {"de": "Erfassen", "en": "Record"},
    "nudge.none": {"de": "Nichts diese Woche", "en": "Nothing this week"},
    "nudge.fallback": {"de": "Für KW {week} fehlt noch: {names}", "en": "Still missing for W{week}: {names}"},
    "nudge.none_done": {"de": "✅ {input}: für KW {week} als „nichts diese Woche“ vermerkt.", "en": "✅ {input}: noted as “nothing this week” for W{week}."},
    "nudge.none_again": {"de": "{input} ist für KW {week} schon als „nichts diese Woche“ vermerkt.", "en": "{input} is already noted as “nothing this week” for W{week}."},
    "gap_owner_away": {"de": "🏖️ Verantwortliche*r abwesend: {names}", "en": "🏖️ Owner away: {names}"},
    "gap_known_none": {"de": "✔️ Bekannt, nichts diese Woche: {names}", "en": "✔️ Known, nothing this week: {names}"},
    "csv_bad_pause": {"de": "„{name}“ ist keine ISO-Woche (z. B. 2026-W52).", "en": "“{name}” is not an ISO week (e.g. 2026-W52)."},
    "csv_bad_owner": {"de": "Verantwortung: „{name}“ ist keine Eingabe oder KPI, oder „{user}“ ist keine Slack-Nutzer-ID (z. B. U0BEN).", "en": "owner: “{name}” is not an input or KPI, or “{user}” is not a Slack user id (e.g. U0BEN)."},
    "digest_paused": {
        "de": "⏸️ {week} ist pausiert: für eine pausierte Woche wird kein Digest gepostet, auch "
              "nicht auf Wunsch. `/kpi digest` zeigt eine Vorschau.",
        "en": "⏸️ {week} is paused: no digest is posted for a paused week, not even on request. "
              "`/kpi digest` shows a preview.",
    },
}
