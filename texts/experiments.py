"""Texts of experiments (a hypothesis that names its KPI) and of bends in a curve."""

from __future__ import annotations

EXPERIMENT_TEXTS: dict[str, dict[str, str]] = {
    "hypothesis_unknown_kpi": {"de": "„{name}“ ist keine KPI für ein Experiment.{hint} Beispiel: {example}", "en": "“{name}” is not a KPI an experiment can name.{hint} Example: {example}"},
    "hypothesis_kpi_not_weekly": {"de": "„{name}“ hat keinen eigenen Wochenwert und taugt nicht für ein Experiment; möglich sind z. B. revenue, error_rate_per_100, average_order_value. Beispiel: {example}", "en": "“{name}” has no weekly value of its own, so an experiment cannot use it; e.g. revenue, error_rate_per_100, average_order_value work. Example: {example}"},
    "hypothesis_direction_missing": {"de": "Nach kpi: fehlt die Richtung: up/rauf/hoch/steigt oder down/runter/sinkt. Beispiel: {example}", "en": "The direction after kpi: is missing: up or down. Example: {example}"},
    "hypothesis_unknown_direction": {"de": "„{text}“ ist keine Richtung. Möglich: up, rauf, hoch, steigt · down, runter, sinkt. Beispiel: {example}", "en": "“{text}” is not a direction. Possible: up, rises, higher · down, falls, lower. Example: {example}"},
    "hypothesis_size_invalid": {"de": "„{text}“ ist keine erwartete Größe: bitte in Prozent, über 0 (bei down unter 100 %), passend zur Richtung. Beispiel: {example}", "en": "“{text}” is not an expected size: a percentage above 0 (below 100 % for down) that agrees with the direction. Example: {example}"},
    "hypothesis_option_twice": {"de": "„{key}:“ steht zweimal da – eine Hypothese prüft eine KPI ab einem Start. Beispiel: {example}", "en": "“{key}:” appears twice – a hypothesis tests one KPI from one start. Example: {example}"},
    "experiment.kpi_not_recorded": {"de": "die KPI ist nicht erfasst", "en": "the KPI is not recorded"},
    "experiment.too_few_weeks_before": {"de": "weniger als 3 Wochen vor dem Start", "en": "fewer than 3 weeks before the start"},
    "experiment.too_few_weeks_after": {"de": "weniger als 3 Wochen seit dem Start", "en": "fewer than 3 weeks since the start"},
    "experiment.pre_trend_too_steep": {"de": "der Trend vor dem Start ist zu steil, um zu urteilen", "en": "the trend before the start is too steep to judge"},
    "experiment.before_level_zero": {"de": "vor dem Start lag die KPI bei 0", "en": "the KPI was 0 before the start"},
    "experiment.opposite_effect": {"de": "die KPI hat sich in die andere Richtung bewegt", "en": "the KPI moved the other way"},
    "experiment.smaller_than_expected": {"de": "der Effekt ist kleiner als erwartet", "en": "the effect is smaller than expected"},
    "experiment.no_effect": {"de": "kein Effekt erkennbar", "en": "no effect"},
    "experiment.started_too_long_ago": {"de": "der Start liegt mehr als zwei Jahre zurück", "en": "it started more than two years ago"},
    "experiment.judging_failed": {"de": "die Auswertung ist fehlgeschlagen (steht im Log)", "en": "judging it failed (see the log)"},
    "experiment.no_decision_in_sight": {"de": "noch keine Entscheidung absehbar", "en": "no decision in sight yet"},
}

EXPERIMENT_TEXTS.update({
    "experiment.section": {"de": "*Experimente*", "en": "*Experiments*"},
    "experiment.effect": {"de": "{label}: {before} → {after} ({effect} %, 90-%-Intervall {low} … {high} %) · seit {since}, {weeks} Wo.",
                          "en": "{label}: {before} → {after} ({effect} %, 90 % interval {low} … {high} %) · since {since}, {weeks} wk"},
    "experiment.no_effect_figures": {"de": "{label} · seit {since}", "en": "{label} · since {since}"},
    "experiment.verdict.confirmed": {"de": "✅ bestätigt", "en": "✅ confirmed"},
    "experiment.verdict.refuted": {"de": "❌ widerlegt – {reason}", "en": "❌ refuted – {reason}"},
    "experiment.verdict.too_early": {"de": "⏳ zu früh – noch etwa {weeks} Wochen", "en": "⏳ too early – about {weeks} more weeks"},
    "experiment.verdict.too_early_open": {"de": "⏳ zu früh – {reason}", "en": "⏳ too early – {reason}"},
    "experiment.verdict.not_judgeable": {"de": "❔ nicht beurteilbar – {reason}", "en": "❔ not judgeable – {reason}"},
    "experiment.verdicts": {"de": "northstar: {bot} · ihr: {person}", "en": "northstar: {bot} · you: {person}"},
    "experiment.verdict_since": {"de": "{verdict} seit KW {week}", "en": "{verdict} since W{week}"},
    "experiment.person_open": {"de": "noch offen", "en": "not yet decided"},
    "experiment.ask": {"de": "Euer Urteil?", "en": "Your verdict?"},
    "experiment.chart_title": {"de": "{label}: vorher und nachher", "en": "{label}: before and after"},
    "experiment.chart_before": {"de": "vorher", "en": "before"},
    "experiment.chart_after": {"de": "seit dem Start", "en": "since the start"},
    "bend.section": {"de": "*Knicke in den Kurven (26 Wochen)*", "en": "*Bends in the curves (26 weeks)*"},
    "bend.rose": {"de": "stieg", "en": "rose"},
    "bend.fell": {"de": "fiel", "en": "fell"},
    "bend.explained": {"de": "〰️ {week} · {label} {moved} von {before} auf {after} · 📝 Notiz {note}: {text}",
                       "en": "〰️ {week} · {label} {moved} from {before} to {after} · 📝 note {note}: {text}"},
    "bend.maybe": {"de": "❔ {week}: {label} {moved} von {before} auf {after} – vielleicht wegen Notiz {note}: {text}? Wenn nicht, antworte im Thread mit „{week}: …“.",
                   "en": "❔ {week}: {label} {moved} from {before} to {after} – maybe because of note {note}: {text}? If not, reply in the thread starting with “{week}: …”."},
    "bend.chart_maybe": {"de": "{week} vielleicht: {text}", "en": "{week} maybe: {text}"},
    "bend.question": {"de": "❓ {week}: {label} {moved} von {before} auf {after} – was ist passiert? Antworte im Thread mit „{week}: …“.",
                      "en": "❓ {week}: {label} {moved} from {before} to {after} – what happened? Reply in the thread starting with “{week}: …”."},
    "bend.questions_waiting": {"de": "❓ {count} Knick(e) ohne Erklärung – Fragen im Thread.", "en": "❓ {count} unexplained bend(s) – questions in the thread."},
    "bend.week": {"de": "KW {week}", "en": "W{week}"},
    "bend.week_year": {"de": "KW {week}/{year}", "en": "W{week}/{year}"},
})
EXPERIMENT_TEXTS.update({
    "experiment.short.confirmed": {"de": "✅ bestätigt", "en": "✅ confirmed"},
    "experiment.short.refuted": {"de": "❌ widerlegt", "en": "❌ refuted"},
    "experiment.short.too_early": {"de": "⏳ zu früh", "en": "⏳ too early"},
    "experiment.short.not_judgeable": {"de": "❔ nicht beurteilbar", "en": "❔ not judgeable"},
})
EXPERIMENT_TEXTS["bend.chart_question"] = {"de": "{week}: ohne Notiz – was ist passiert? (Frage im Thread)",
                                           "en": "{week}: no note – what happened? (question in the thread)"}
EXPERIMENT_TEXTS["experiment.bot_verdict"] = {"de": "northstar urteilt nach den Zahlen: {verdict} – beide Urteile stehen im nächsten Digest.",
                                              "en": "northstar's verdict from the numbers: {verdict} – the next digest shows both."}
EXPERIMENT_TEXTS.update({
    "experiment.form_kpi": {"de": "Messen an (KPI)", "en": "Measured by (KPI)"},
    "experiment.form_hint": {"de": "Optional: northstar beurteilt die Hypothese dann jede Woche selbst.",
                             "en": "Optional: northstar then judges the hypothesis itself every week."},
    "experiment.form_direction": {"de": "Erwartete Richtung", "en": "Expected direction"},
    "experiment.form_up": {"de": "steigt", "en": "up"},
    "experiment.form_down": {"de": "sinkt", "en": "down"},
    "experiment.form_size": {"de": "Erwartete Größe in % (optional)", "en": "Expected size in % (optional)"},
    "experiment.form_size_example": {"de": "z. B. 5", "en": "e.g. 5"},
    "experiment.form_since": {"de": "Start (sonst heute)", "en": "Start (else today)"},
    "experiment.form_claim_missing": {"de": "Schreib die Hypothese, die an dieser KPI gemessen wird.",
                                      "en": "Write the hypothesis this KPI should measure."},
})
