"""The digest's content as plain data: lines that both Block Kit and the text version render."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from babel.dates import format_date

from bot.digest.thin_data import how_to_record_line, window_part
from bot.mrkdwn import escape_user_text, escaped, say_mrkdwn
from metrics.vocabulary import direction
from ritual.digest_data import DigestData
from ritual.focus import FocusQuestion
from ritual.owners import Gap
from texts import t
from texts.format import LOCALES, NA, format_value, input_label, label
from texts.words import word

STATUS_ICON = {"green": "🟢", "yellow": "🟡", "red": "🔴", None: "⚪"}
NOTE_ICON = {"context": "📝", "value": "💎", "blocker": "🧱", "hypothesis": "🧪", "decision": "✅"}
ALERT_LABEL_KEYS = {"error_rate": "error_rate", "error_rate_ewma": "error_rate_ewma",
                    "payback": "payback"}


@dataclass(frozen=True)
class ScoreLine:
    kpi: str
    label: str
    value: str
    average: str
    goal: str
    status: str


def _history_value(data: DigestData, kpi: str, offset: int) -> float | None:
    """The KPI's value `offset` weeks before the digest's week (0: the week itself)."""
    if kpi not in data.history.columns:
        return None
    start = (data.week.start if offset == 0 else _shift(data, offset))
    column = data.history[kpi]
    value = column.get(start)
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _shift(data: DigestData, offset: int):
    week = data.week
    for _ in range(offset):
        week = week.previous()
    return week.start


def _average(data: DigestData, kpi: str) -> float | None:
    if kpi not in data.history.columns:
        return None
    window = data.history[kpi].tail(4).dropna()
    return None if window.empty else float(window.mean())


def header(data: DigestData) -> str:
    locale = LOCALES.get(data.lang, "en_US")
    start = format_date(data.week.start, "d.M." if data.lang == "de" else "MMM d", locale=locale)
    end = format_date(data.week.end, "d.M.yyyy" if data.lang == "de" else "MMM d, yyyy",
                      locale=locale)
    return t("digest.header", data.lang, week=data.week.week, dates=f"{start}–{end}")


def north_star_line(data: DigestData) -> str:
    kpi = data.workspace.north_star
    value = data.report.kpis[kpi].value if kpi in data.report.kpis else None
    text = t("digest.north_star", data.lang, label=label(kpi, data.lang))
    shown = format_value(kpi, escaped(value), data.lang, data.currency)
    parts = [f"{text}\n*{shown}*{window_part(data, kpi)}"]
    last = _history_value(data, kpi, 1)
    if value is not None and last not in (None, 0) and not isinstance(value, dict):
        change = (float(value) - last) / abs(last) * 100
        arrow = "▲" if change > 0 else "▼" if change < 0 else "▶"
        good = (change >= 0) == (direction(kpi) == "higher")
        parts.append(f"{arrow} {change:+.0f} % {t('digest.vs_last', data.lang)} "
                     f"({format_value(kpi, last, data.lang, data.currency)})"
                     + (" 👍" if good and change else ""))
    average = _average(data, kpi)
    if average is not None:
        parts.append(f"{t('digest.avg4', data.lang)}: {format_value(kpi, average, data.lang, data.currency)}")
    reason = data.report.kpis[kpi].reason if kpi in data.report.kpis else None
    if value is None and reason:
        parts.append(f"_{say_mrkdwn(reason, data.lang)}_")
    return "  ·  ".join(parts[:1]) + ("\n" + "  ·  ".join(parts[1:]) if parts[1:] else "")


def score_lines(data: DigestData) -> list[ScoreLine]:
    lines = []
    for kpi in data.scorecard:
        kpi_value = data.report.kpis.get(kpi)
        goal = data.report.goals.get(kpi)
        goal_text = ""
        if goal is not None:
            sign = "≥" if goal.direction == "higher" else "≤"
            goal_text = f"{sign} {format_value(kpi, goal.target, data.lang, data.currency)}"
        lines.append(ScoreLine(
            kpi=kpi, label=label(kpi, data.lang),
            value=format_value(kpi, escaped(kpi_value.value) if kpi_value else None, data.lang,
                               data.currency),
            average=format_value(kpi, _average(data, kpi), data.lang, data.currency),
            goal=goal_text, status=STATUS_ICON[goal.status if goal else None] if goal else "",
        ))
    return lines


def _number(value, lang: str, kind: str) -> str:
    if value is None:
        return NA[lang]
    return format_value("payback_months" if kind == "payback" else "error_rate_per_100",
                        Decimal(str(round(float(value), 2))), lang, "EUR")


def _alert_entries(data: DigestData) -> list[tuple[str, str]]:
    """(state, line) per alert: 'fired' with reason and figures, 'cleared', or 'no_verdict'."""
    lang, entries = data.lang, []
    for verdict in data.report.alerts:
        name = _alert_name(verdict.kind, lang)
        reason = say_mrkdwn(verdict.reason, lang)
        if verdict.fired:
            persists = data.previous_alerts.get(verdict.kind)
            state = t("digest.alert_persists" if persists else "digest.alert_new", lang)
            figures = t("digest.observed", lang, observed=_number(verdict.observed, lang, verdict.kind),
                         expected=_number(verdict.expected, lang, verdict.kind),
                         limit=_number(verdict.limit, lang, verdict.kind))
            top = escape_user_text(word(verdict.top_cause or "", lang))
            cause = (" · " + t("digest.top_cause", lang, cause=top) if top and top not in reason else "")
            entries.append(("fired", f"🚨 *{name}* ({state}): {reason}\n{figures}{cause}"))
        elif verdict.fired is None:
            entries.append(("no_verdict", t("digest.no_verdict", lang, label=name, reason=reason)))
        elif data.previous_alerts.get(verdict.kind):
            entries.append(("cleared", t("digest.alert_cleared", lang, label=name)))
    return entries


def _alert_name(kind: str, lang: str) -> str:
    return t("digest." + ALERT_LABEL_KEYS.get(kind, "error_rate"), lang)


def alert_lines(data: DigestData) -> list[str]:
    """Fired alerts with their reason, cleared ones, and verdicts that could not be made; "no
    drift" only about the tests that had the data to judge."""
    entries = _alert_entries(data)
    lines = [line for _, line in entries]
    if any(state == "fired" for state, _ in entries):
        return lines
    judged = [verdict for verdict in data.report.alerts if verdict.fired is False]
    if judged and len(judged) == len(data.report.alerts):
        lines.insert(0, t("digest.no_alerts", data.lang))
    elif judged:
        names = ", ".join(_alert_name(v.kind, data.lang) for v in judged)
        lines.insert(0, t("digest.within_limits", data.lang, names=names))
    return lines


def gap_line(data: DigestData) -> str | None:
    """The week's gaps with their owners; inputs whose owner is away, and those known to be
    none, on lines of their own (neither is a gap)."""
    lang = data.lang

    def named(gap) -> str:
        name = input_label(gap.input, lang)
        return f"{name} (<@{gap.owner}>)" if gap.owner else name

    if data.week.start in data.paused:
        return None
    covered = {g.input for g in data.gaps} | set(data.known_none)
    gaps = [*data.gaps, *(Gap(n, None) for n in data.report.missing_inputs if n not in covered)]
    missing = [named(g) for g in gaps if not g.away]
    away = [named(g) for g in gaps if g.away]
    lines = [t("digest.gaps", lang, names=", ".join(missing))] if missing else []
    hint = how_to_record_line(data, [g.input for g in gaps if not g.away])
    if hint:
        lines.append(hint)
    if away:
        lines.append(t("gap_owner_away", lang, names=", ".join(away)))
    if data.known_none:
        lines.append(t("gap_known_none", lang, names=", ".join(
            input_label(name, lang) for name in data.known_none)))
    return "\n".join(lines) or None


def note_lines(data: DigestData) -> list[str]:
    return [f"{NOTE_ICON.get(n.kind, '📝')} {escape_user_text(n.text)}"
            + (f" – <@{n.author}>" if n.author else "")
            for n in data.notes]


NUMBERS = ("1️⃣", "2️⃣", "3️⃣")
INPUT_FORMAT = {"costs": "costs_total", "hours": "hours", "revenue": "revenue"}


def focus_text(question: FocusQuestion, lang: str) -> str:
    """A drafted question about a red KPI or a persisting alert, with its owner mentioned."""
    text = t("focus_" + question.reason, lang, label=label(question.kpi, lang), n=question.weeks)
    return text + (t("focus_owner", lang, user=question.owner) if question.owner else "")


def question_lines(lang: str, focus: Sequence[FocusQuestion] = ()) -> list[str]:
    """The three questions; drafted ones take the places of the second and third."""
    generic = [t("digest.q1", lang), t("digest.q2", lang), t("digest.q3", lang)]
    for place, question in zip((1, 2), focus, strict=False):
        generic[place] = f"{NUMBERS[place]} {focus_text(question, lang)}"
    return generic


def _input_value(name: str, value, data: DigestData) -> str:
    return format_value(INPUT_FORMAT.get(name, name), value, data.lang, data.currency)


def changed_after_lines(data: DigestData) -> list[str]:
    """One line per earlier week changed after its digest: "KW 46 … revenue 4.179 € → 4.379 €"."""
    lines = []
    for week, changes in groupby(data.changed_after, key=lambda change: change.week):
        shown = ", ".join(f"{input_label(c.input, data.lang)} {_input_value(c.input, c.old, data)}"
                          f" → {_input_value(c.input, c.new, data)}" for c in changes)
        lines.append(t("changed_after", data.lang, week=week.week, changes=shown))
    return lines


def home_line(data: DigestData) -> str | None:
    """The link to the 13-week scorecard in App Home, when the app's id is known."""
    return t("home_link", data.lang, url=data.home_url) if data.home_url else None


def off_goal_lines(data: DigestData) -> list[str]:
    """KPIs of the scorecard whose goal is missed (red) or nearly (yellow), worst first."""
    order = {"red": 0, "yellow": 1}
    lines = [(order[goal.status], line) for line in score_lines(data)
             if (goal := data.report.goals.get(line.kpi)) is not None and goal.status in order]
    return [t("digest.off_goal", data.lang, status=line.status, label=line.label, value=line.value,
              goal=line.goal) for _, line in sorted(lines, key=lambda item: item[0])]


def attention_lines(data: DigestData) -> list[str]:
    """What a founder must see in the channel: KPIs off goal, then fired or cleared alerts;
    "every goal met, no drift" only when every goal had a value and every test its data."""
    alerts = [line for state, line in _alert_entries(data) if state in ("fired", "cleared")]
    lines = off_goal_lines(data) + alerts
    if lines:
        return lines
    lang = data.lang
    unjudged = [label(kpi, lang) for kpi, goal in data.report.goals.items() if goal.status is None]
    unjudged += [_alert_name(v.kind, lang) for v in data.report.alerts if v.fired is None]
    if not unjudged:
        return [t("digest.all_on_track", lang)]
    met = [label(kpi, lang) for kpi, goal in data.report.goals.items() if goal.status == "green"]
    return ([t("digest.on_goal", lang, names=", ".join(met))] if met else []) + [
        t("digest.not_judged", lang, names=", ".join(unjudged))]
