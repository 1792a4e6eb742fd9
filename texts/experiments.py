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
    "experiment.no_decision_in_sight": {"de": "noch keine Entscheidung absehbar", "en": "no decision in sight yet"},
}
