"""What needs attention in the channel: one plain sentence per KPI with a problem.

A KPI's missed goal and its fired alerts (control chart, EWMA, payback trend) become one line a
shop owner reads at a glance ("Fehlerquote 20,7 je 100 – Ziel ≤ 3, weit über dem Üblichen
(3,0); häufigste Ursache: …"); the statistics behind it stay in the thread.
"""

from __future__ import annotations

from bot.digest.content import STATUS_ICON, alert_name, alert_number, score_lines
from bot.mrkdwn import escape_user_text, escaped
from ritual.digest_data import DigestData
from texts import t
from texts.digest import cause_word
from texts.format import format_value, label

ALERT_KPI = {"error_rate": "error_rate_per_100", "error_rate_ewma": "error_rate_per_100",
             "payback": "payback_months"}
SEVERITY = {"red": 0, "yellow": 1}


def _alert_phrase(verdict, data: DigestData) -> str:
    """The plain words for one fired alert: how far from the usual, or rising."""
    lang = data.lang
    usual = alert_number(verdict.expected, lang, verdict.kind, unit=verdict.kind == "payback")
    if verdict.kind == "error_rate":
        return t("digest.problem_far_above", lang, usual=usual)
    if verdict.kind == "error_rate_ewma":
        return t("digest.problem_creeping", lang, usual=usual)
    if verdict.reason.code == "drift.payback_ceiling":
        return t("digest.problem_ceiling", lang,
                 ceiling=alert_number(verdict.limit, lang, verdict.kind, unit=True))
    return t("digest.problem_rising", lang, weeks=verdict.reason.params.get("weeks", 3),
             usual=usual)


def _problem_kpis(data: DigestData) -> list[str]:
    """KPIs off goal (red, then yellow) and KPIs with a fired alert, each once."""
    off = sorted((SEVERITY[goal.status], kpi) for kpi, goal in data.report.goals.items()
                 if goal.status in SEVERITY and kpi in data.scorecard)
    fired = [ALERT_KPI.get(v.kind, "error_rate_per_100") for v in data.report.alerts if v.fired]
    return list(dict.fromkeys([kpi for _, kpi in off] + fired))


def problem_line(data: DigestData, kpi: str) -> str:
    """One sentence: the KPI's value, its goal, how it stands against the usual, its top cause."""
    lang = data.lang
    goal = data.report.goals.get(kpi)
    fired = [v for v in data.report.alerts if v.fired and ALERT_KPI.get(v.kind) == kpi]
    if any(v.kind == "error_rate" for v in fired):
        fired = [v for v in fired if v.kind != "error_rate_ewma"]  # the stronger finding speaks
    parts = []
    line = next((s for s in score_lines(data) if s.kpi == kpi), None)
    if goal is not None and goal.status in SEVERITY and line is not None:
        parts.append(t("digest.problem_goal", lang, goal=line.goal))
    parts += [_alert_phrase(v, data) for v in fired]
    value = data.report.kpis.get(kpi)
    status = "red" if fired else goal.status if goal else None
    text = t("digest.problem", lang, icon=STATUS_ICON[status], label=label(kpi, lang),
             value=format_value(kpi, escaped(value.value) if value else None, lang, data.currency),
             parts=", ".join(parts))
    cause = next((v.top_cause for v in fired if v.top_cause), None)
    if cause:
        text += t("digest.problem_cause", lang, cause=escape_user_text(cause_word(cause, lang)))
    if any(data.previous_alerts.get(v.kind) for v in fired):
        text += t("digest.problem_persists", lang)
    return text


def attention_lines(data: DigestData) -> list[str]:
    """What a founder must see in the channel: one line per KPI with a problem, then cleared
    alerts; "every goal met, no drift" only when every goal had a value and every test its data."""
    problems = _problem_kpis(data)
    cleared = [t("digest.alert_cleared", data.lang, label=alert_name(v.kind, data.lang))
               for v in data.report.alerts if v.fired is False and data.previous_alerts.get(v.kind)
               and ALERT_KPI.get(v.kind) not in problems]
    lines = [problem_line(data, kpi) for kpi in problems] + list(dict.fromkeys(cleared))
    if lines:
        return lines
    lang = data.lang
    unjudged = [label(kpi, lang) for kpi, goal in data.report.goals.items() if goal.status is None]
    unjudged += [alert_name(v.kind, lang) for v in data.report.alerts if v.fired is None]
    if not unjudged:
        return [t("digest.all_on_track", lang)]
    met = [label(kpi, lang) for kpi, goal in data.report.goals.items() if goal.status == "green"]
    return ([t("digest.on_goal", lang, names=", ".join(met))] if met else []) + [
        t("digest.not_judged", lang, names=", ".join(unjudged))]
