"""The digest's content as plain data: lines that both Block Kit and the text version render."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from babel.dates import format_date
from babel.numbers import format_decimal

from bot.digest.thin_data import how_to_record_line, window_part
from bot.mrkdwn import escape_user_text, escaped, say_mrkdwn
from metrics.vocabulary import direction
from ritual.digest_data import DigestData
from ritual.focus import FocusQuestion
from ritual.owners import Gap
from texts import t
from texts.format import LOCALES, NA, format_value, input_label, label

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
    lines, own = [], data.own
    for kpi in data.scorecard:
        kpi_value = data.report.kpis.get(kpi)
        goal = data.report.goals.get(kpi)
        goal_text = ""
        if goal is not None:
            sign = "≥" if goal.direction == "higher" else "≤"
            goal_text = f"{sign} {format_value(kpi, goal.target, data.lang, data.currency, own)}"
        lines.append(ScoreLine(
            kpi=kpi, label=escape_user_text(label(kpi, data.lang, own)),
            value=format_value(kpi, escaped(kpi_value.value) if kpi_value else None, data.lang,
                               data.currency, own),
            average=format_value(kpi, _average(data, kpi), data.lang, data.currency, own),
            goal=goal_text, status=STATUS_ICON[goal.status if goal else None] if goal else "",
        ))
    return lines


def alert_number(value, lang: str, kind: str, unit: bool = True) -> str:
    """An alert's figure: with its unit ("3 je 100", "1,2 Mon.") or plain with one decimal."""
    if value is None:
        return NA[lang]
    if not unit:
        return format_decimal(round(float(value), 1), format="#,##0.0",
                              locale=LOCALES.get(lang, "en_US"))
    return format_value("payback_months" if kind == "payback" else "error_rate_per_100",
                        Decimal(str(round(float(value), 2))), lang, "EUR")


def _meaning(verdict, lang: str) -> str:
    """One sentence on what the alert's statistics mean."""
    if verdict.kind == "error_rate":
        return t("digest.meaning_binomial" if verdict.reason.code == "drift.binomial"
                 else "digest.meaning_p_chart", lang)
    return t("digest.meaning_" + verdict.kind, lang)


def _alert_entries(data: DigestData) -> list[tuple[str, str]]:
    """(state, line) per alert: 'fired' with its statistics and what they mean, 'cleared', or
    'no_verdict'."""
    lang, entries = data.lang, []
    for verdict in data.report.alerts:
        name = alert_name(verdict.kind, lang)
        reason = say_mrkdwn(verdict.reason, lang)
        if verdict.fired:
            persists = data.previous_alerts.get(verdict.kind)
            state = t("digest.alert_persists" if persists else "digest.alert_new", lang)
            figures = t("digest.observed", lang, observed=alert_number(verdict.observed, lang, verdict.kind),
                         expected=alert_number(verdict.expected, lang, verdict.kind),
                         limit=alert_number(verdict.limit, lang, verdict.kind))
            entries.append(("fired", f"📈 *{name}* ({state}): {reason}\n{figures}\n"
                                     f"_{_meaning(verdict, lang)}_"))
        elif verdict.fired is None:
            entries.append(("no_verdict", t("digest.no_verdict", lang, label=name, reason=reason)))
        elif data.previous_alerts.get(verdict.kind):
            entries.append(("cleared", t("digest.alert_cleared", lang, label=name)))
    return entries


def alert_name(kind: str, lang: str) -> str:
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
        names = ", ".join(alert_name(v.kind, data.lang) for v in judged)
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
    """The week's notes with their numbers, as people read them."""
    return [f"{NOTE_ICON.get(n.kind, '📝')} "
            + (t("digest.note_number", data.lang, number=n.number) + ": " if n.number else "")
            + escape_user_text(n.text) + (f" – <@{n.author}>" if n.author else "")
            for n in data.notes]


NUMBERS = ("1️⃣", "2️⃣", "3️⃣")
INPUT_FORMAT = {"costs": "costs_total", "hours": "hours", "revenue": "revenue"}


def focus_text(question: FocusQuestion, lang: str) -> str:
    """A drafted question about a red KPI or a persisting alert, with its owner mentioned."""
    text = t("focus_" + question.reason, lang, label=label(question.kpi, lang), n=question.weeks)
    return text + (t("focus_owner", lang, user=question.owner) if question.owner else "")


def question_lines(lang: str, focus: Sequence[FocusQuestion] = (),
                   own: Sequence[str] | None = None) -> list[str]:
    """The three questions (the workspace's own, else the defaults); drafted ones take the
    places of the second and third."""
    generic = ([f"{NUMBERS[place]} {escape_user_text(text)}" for place, text in enumerate(own)]
               if own else [t("digest.q1", lang), t("digest.q2", lang), t("digest.q3", lang)])
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
