"""Why a KPI is n/a and why an alert fired (or could not be judged), in German and English."""

from __future__ import annotations

REASON_TEXTS: dict[str, dict[str, str]] = {
    "kpi.not_recorded": {"de": "{what} nicht erfasst", "en": "no {what} recorded"},
    "kpi.zero_denominator": {"de": "{what} ist 0 (Division durch null)", "en": "{what} is 0 (division by zero)"},
    "kpi.no_hourly_rate": {"de": "kein Stundensatz gesetzt (/kpi settings hourly_rate 45)", "en": "no hourly rate set (/kpi settings hourly_rate 45)"},
    "kpi.no_acquisition_effort": {"de": "keine Akquisekosten und keine Marketing-/Vertriebsstunden erfasst", "en": "no acquisition costs or marketing/sales hours recorded"},
    "kpi.no_channel": {"de": "kein Kanal an Umsatz, Kosten oder Stunden erfasst", "en": "no channel recorded on revenue, costs or hours"},
    "kpi.no_engagement": {"de": "keine Likes oder Kommentare erfasst", "en": "no likes or comments recorded"},
    "kpi.ltv_capped": {"de": "gedeckelt: kein Churn erfasst ({months} Monate Deckungsbeitrag)", "en": "capped: no churn recorded ({months} months of contribution)"},
    "kpi.errors_none_logged": {"de": "keine Fehler gemeldet", "en": "none logged"},
    "kpi.incomplete_window": {"de": "erst {used} von {weeks} Wochen erfasst – zu wenig für einen Wert", "en": "only {used} of {weeks} weeks recorded – too few for a value"},
    "drift.incomplete_window": {"de": "erst {used} von {weeks} Wochen erfasst; geurteilt wird erst über volle {weeks} Wochen", "en": "only {used} of {weeks} weeks recorded; judged only over a full {weeks} weeks"},
    "drift.baseline_short": {"de": "erst {used} Wochen mit Bestellungen und Fehlern erfasst; nötig sind {needed}", "en": "only {used} of the last weeks have orders and errors recorded; {needed} are needed"},
    "drift.no_data_this_week": {"de": "diese Woche keine Bestellungen/Fehler erfasst", "en": "no orders or errors recorded this week"},
    "drift.more_errors_than_orders": {"de": "es sind mehr Fehler als Bestellungen erfasst; so lässt sich die Fehlerquote nicht als Anteil der Bestellungen beurteilen", "en": "more errors than orders are recorded, so the error rate cannot be judged as a share of orders (record errors per order, e.g. cause:rework)"},
    "drift.binomial": {"de": "{errors} Fehler bei {orders} Bestellungen; bei der üblichen Quote von {usual} je 100 ist das nur mit Wahrscheinlichkeit {probability} zu erwarten (Alarm unter {alpha}){cause_part}", "en": "{errors} errors in {orders} orders; at the usual rate of {usual} per 100 that happens with probability {probability} (alert below {alpha}){cause_part}"},
    "drift.p_chart_above": {"de": "{rate} Fehler je 100 Bestellungen liegt über der Kontrollgrenze {limit} (üblich {usual}, aus {weeks} Wochen){cause_part}", "en": "{rate} errors per 100 orders is above the control limit of {limit} (usual {usual}, from {weeks} weeks){cause_part}"},
    "drift.p_chart_within": {"de": "{rate} Fehler je 100 Bestellungen liegt innerhalb der Kontrollgrenze {limit} (üblich {usual}, aus {weeks} Wochen)", "en": "{rate} errors per 100 orders is within the control limit of {limit} (usual {usual}, from {weeks} weeks)"},
    "drift.ewma_above": {"de": "die geglättete Fehlerquote (EWMA) liegt bei {ewma} je 100, über ihrer Grenze {limit}: die Fehler nehmen schleichend zu", "en": "the smoothed error rate (EWMA) is {ewma} per 100, above its limit of {limit}: errors are creeping up"},
    "drift.ewma_within": {"de": "die geglättete Fehlerquote (EWMA) liegt bei {ewma} je 100, innerhalb ihrer Grenze {limit}: keine schleichende Drift", "en": "the smoothed error rate (EWMA) is {ewma} per 100, within its limit of {limit}: no slow drift"},
    "drift.few_new_customers": {"de": "nur {count} Neukunden in den letzten 4 Wochen; nötig sind {needed}", "en": "only {count} new customers in the last 4 weeks; {needed} are needed"},
    "drift.payback_unknown": {"de": "Payback ließ sich diese Woche nicht berechnen", "en": "payback could not be computed this week"},
    "drift.payback_ceiling": {"de": "Payback von {months} Monaten liegt über der Obergrenze von {ceiling} Monaten", "en": "payback of {months} months is above the ceiling of {ceiling} months"},
    "drift.payback_rising": {"de": "Payback ist {weeks} Wochen in Folge gestiegen, auf {months} Monate – {above_pct} % über dem 12-Wochen-Median von {median}", "en": "payback rose in each of the last {weeks} weeks to {months} months, {above_pct} % above its 12-week median of {median}"},
    "drift.payback_fine": {"de": "Payback von {months} Monaten liegt unter der Obergrenze, ohne Aufwärtstrend", "en": "payback of {months} months is below the ceiling and not trending up"},
    "drift.cause_part": {"de": "; häufigste Ursache: {cause}", "en": "; top cause: {cause}"},
}
