"""The digest's words, in German and English."""

from __future__ import annotations

from bot.texts import lookup

DIGEST_TEXTS: dict[str, dict[str, str]] = {
    "header": {"de": "📊 Wochen-Digest KW {week} · {dates}", "en": "📊 Weekly digest W{week} · {dates}"},
    "zone": {"de": "Zeitzone {zone}", "en": "Time zone {zone}"},
    "late": {"de": "⏰ verspätet gepostet (der Bot war zur geplanten Zeit nicht erreichbar)",
             "en": "⏰ posted late (the bot was down at the scheduled time)"},
    "preview": {"de": "👀 Vorschau – nur für dich sichtbar", "en": "👀 Preview – only visible to you"},
    "north_star": {"de": "⭐ *Nordstern: {label}*", "en": "⭐ *North star: {label}*"},
    "vs_last": {"de": "Vorwoche", "en": "last week"},
    "avg4": {"de": "Ø 4 Wo.", "en": "4-wk avg"},
    "goal": {"de": "Ziel", "en": "goal"},
    "scorecard": {"de": "*Scorecard*", "en": "*Scorecard*"},
    "alerts": {"de": "*Warnungen*", "en": "*Alerts*"},
    "no_alerts": {"de": "✅ Keine Drift: Fehlerquote und Payback im normalen Rahmen.",
                  "en": "✅ No drift: error rate and payback within normal limits."},
    "alert_new": {"de": "neu", "en": "new"},
    "alert_persists": {"de": "besteht seit Vorwoche", "en": "persists since last week"},
    "alert_cleared": {"de": "✅ Entwarnung: {label} ist wieder im Rahmen.",
                      "en": "✅ Cleared: {label} is back within limits."},
    "no_verdict": {"de": "ℹ️ Keine Aussage zu {label}: {reason}",
                   "en": "ℹ️ No verdict on {label}: {reason}"},
    "gaps": {"de": "🕳️ Nicht erfasst diese Woche: {names} – darum steht dort „k. A.“, nicht 0.",
             "en": "🕳️ Not recorded this week: {names} – shown as “n/a”, not 0."},
    "notes": {"de": "*Notizen der Woche*", "en": "*Notes of the week*"},
    "no_notes": {"de": "Keine Notizen diese Woche. Was erklärt die Zahlen? `/note …`",
                 "en": "No notes this week. What explains the numbers? `/note …`"},
    "hypothesis": {"de": "*Hypothese der Vorwoche*", "en": "*Last week's hypothesis*"},
    "hypothesis_ask": {"de": "Wie ist sie ausgegangen?", "en": "How did it turn out?"},
    "confirmed": {"de": "Bestätigt", "en": "Confirmed"},
    "refuted": {"de": "Widerlegt", "en": "Refuted"},
    "running": {"de": "Läuft noch", "en": "Still running"},
    "outcome_set": {"de": "Ergebnis: {outcome} (von <@{user}>)",
                    "en": "Outcome: {outcome} (by <@{user}>)"},
    "questions": {"de": "*Drei Fragen für diese Woche*", "en": "*Three questions for this week*"},
    "q1": {"de": "1️⃣ Was hat Wert geschaffen?", "en": "1️⃣ What created value?"},
    "q2": {"de": "2️⃣ Was blockiert?", "en": "2️⃣ What is blocking us?"},
    "q3": {"de": "3️⃣ Welche Hypothese testen wir als Nächstes?",
           "en": "3️⃣ Which hypothesis do we test next?"},
    "reply_hint": {"de": "Antworte im Thread mit `1`, `2` oder `3` am Anfang – oder per Knopf.",
                   "en": "Reply in the thread starting with `1`, `2` or `3` – or use the button."},
    "answer": {"de": "Antworten", "en": "Answer"},
    "answer_title": {"de": "Fragen der Woche", "en": "Questions of the week"},
    "charts_follow": {"de": "📈 Diagramme folgen im Thread.", "en": "📈 Charts follow in the thread."},
    "error_rate": {"de": "Fehlerquote", "en": "Error rate"},
    "error_rate_ewma": {"de": "Fehlerquote (schleichend, EWMA)",
                        "en": "Error rate (slow drift, EWMA)"},
    "payback": {"de": "Payback", "en": "Payback"},
    "observed": {"de": "beobachtet {observed}, erwartet {expected}, Grenze {limit}",
                 "en": "observed {observed}, expected {expected}, limit {limit}"},
    "top_cause": {"de": "häufigste Ursache: {cause}", "en": "top cause: {cause}"},
    "fallback": {"de": "Wochen-Digest KW {week}: {label} {value}",
                 "en": "Weekly digest W{week}: {label} {value}"},
}


def dt(key: str, lang: str, **params: object) -> str:
    """A digest text in the language (English when unknown)."""
    return lookup(DIGEST_TEXTS, key, lang, params)
