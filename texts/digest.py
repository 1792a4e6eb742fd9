"""The digest's words, in German and English."""

from __future__ import annotations

from texts.words import GERMAN, word

DIGEST_TEXTS: dict[str, dict[str, str]] = {
    "header": {"de": "📊 Wochen-Digest KW {week} · {dates}", "en": "📊 Weekly digest W{week} · {dates}"},
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
    "within_limits": {"de": "✅ Im normalen Rahmen: {names}.", "en": "✅ Within normal limits: {names}."},
    "not_judged": {"de": "🕳️ Noch kein Urteil über {names}: dafür fehlen Daten (was fehlt, steht unten).",
                   "en": "🕳️ No verdict yet on {names}: data is missing (what is missing is listed below)."},
    "on_goal": {"de": "✅ Im Ziel: {names}.", "en": "✅ On goal: {names}."},
    "how_to_record": {"de": "✍️ So trägst du sie ein: {commands}",
                      "en": "✍️ How to record them: {commands}"},
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
    "in_thread": {"de": "🧵 Ganze Scorecard, Notizen, Experimente und Diagramme im Thread.",
                  "en": "🧵 Full scorecard, notes, experiments and charts in the thread."},
    "part_channel": {"de": "Nachricht im Kanal", "en": "Message in the channel"},
    "part_thread": {"de": "Erste Antwort im Thread (danach die Diagramme)",
                    "en": "First reply in the thread (then the charts)"},
    "thread_title": {"de": "*Details zu KW {week}*", "en": "*Details of W{week}*"},
    "attention": {"de": "*Braucht Aufmerksamkeit*", "en": "*Needs attention*"},
    "all_on_track": {"de": "✅ Alle Ziele erreicht, keine Drift.",
                     "en": "✅ Every goal met, no drift."},
    "off_goal": {"de": "{status} *{label}* {value} · Ziel {goal}",
                 "en": "{status} *{label}* {value} · goal {goal}"},
    "experiments_summary": {"de": "🧪 Experimente: {verdicts}", "en": "🧪 Experiments: {verdicts}"},
    "error_rate": {"de": "Fehlerquote", "en": "Error rate"},
    "error_rate_ewma": {"de": "Fehlerquote (schleichender Anstieg)",
                        "en": "Error rate (slow rise)"},
    "payback": {"de": "Payback", "en": "Payback"},
    "observed": {"de": "beobachtet {observed}, erwartet {expected}, Grenze {limit}",
                 "en": "observed {observed}, expected {expected}, limit {limit}"},
    "top_cause": {"de": "häufigste Ursache: {cause}", "en": "top cause: {cause}"},
    "note_number": {"de": "Notiz {number}", "en": "Note {number}"},
    "problem": {"de": "{icon} *{label}* {value} – {parts}", "en": "{icon} *{label}* {value} – {parts}"},
    "problem_goal": {"de": "Ziel {goal}", "en": "goal {goal}"},
    "problem_far_above": {"de": "weit über dem Üblichen ({usual})", "en": "far above the usual ({usual})"},
    "problem_creeping": {"de": "seit Wochen schleichend über dem Üblichen ({usual})",
                         "en": "creeping above the usual ({usual}) for weeks"},
    "problem_rising": {"de": "seit {weeks} Wochen steigend (üblich {usual})",
                       "en": "rising for {weeks} weeks (usually {usual})"},
    "problem_ceiling": {"de": "über der Obergrenze von {ceiling}", "en": "above the ceiling of {ceiling}"},
    "problem_cause": {"de": "; häufigste Ursache: {cause}", "en": "; most frequent cause: {cause}"},
    "problem_persists": {"de": " (wie in der Vorwoche)", "en": " (as last week)"},
    "meaning_binomial": {"de": "Was das heißt: so viele Fehler kämen bei der üblichen Quote fast nie zufällig zustande – etwas hat sich geändert.",
                         "en": "What this means: this many errors would almost never happen by chance at the usual rate – something has changed."},
    "meaning_p_chart": {"de": "Was das heißt: über der Kontrollgrenze ist es kein Zufall mehr – es lohnt sich, die Ursache zu suchen.",
                        "en": "What this means: above the control limit it is no longer chance – the cause is worth looking for."},
    "meaning_error_rate_ewma": {"de": "Was das heißt: der geglättete Wert (EWMA) gewichtet die letzten Wochen; über seiner Grenze steigen die Fehler über mehrere Wochen, nicht nur in einer.",
                                "en": "What this means: the smoothed value (EWMA) weighs the recent weeks; above its limit errors rise over several weeks, not just one."},
    "meaning_payback": {"de": "Was das heißt: es dauert länger, bis ein Neukunde seine Gewinnungskosten wieder eingespielt hat.",
                        "en": "What this means: a new customer takes longer to earn back what winning them cost."},
    "window_part": {"de": "aus {used} von {weeks} Wochen", "en": "from {used} of {weeks} weeks"},
    "fallback": {"de": "Wochen-Digest KW {week}: {label} {value}",
                 "en": "Weekly digest W{week}: {label} {value}"},
}

# What to type to record a missing input, per language (German words are accepted on input).
RECORD_COMMANDS: dict[str, dict[str, str]] = {
    "revenue": {"de": "/kpi record umsatz 1200", "en": "/kpi record revenue 1200"},
    "orders": {"de": "/kpi record bestellungen 42", "en": "/kpi record orders 42"},
    "costs": {"de": "/cost 300 wareneinsatz", "en": "/cost 300 goods"},
    "hours": {"de": "/hours 2h kundenservice", "en": "/hours 2h support"},
    "errors": {"de": "/kpi record fehler 1 cause:nacharbeit", "en": "/kpi record errors 1 cause:rework"},
    "new_customers": {"de": "/kpi record neukunden 5", "en": "/kpi record new_customers 5"},
    "active_customers": {"de": "/kpi record kunden 300", "en": "/kpi record active_customers 300"},
    "leads": {"de": "/kpi record leads 20", "en": "/kpi record leads 20"},
}


def cause_word(cause: str, lang: str) -> str:
    """An error cause in the workspace's language (texts/words.py); one people named
    themselves as written."""
    return word(cause.lower(), lang) if cause.lower() in GERMAN else cause


def record_command(name: str, lang: str) -> str | None:
    """The command that records an input, in the workspace's language; None if it has none here."""
    commands = RECORD_COMMANDS.get(name)
    return commands and commands.get(lang, commands["en"])
