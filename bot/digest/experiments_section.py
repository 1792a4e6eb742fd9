"""The digest's experiments and bends as lines of text: claim, effect, verdicts, questions."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal

from bot.mrkdwn import escape_user_text
from capture.note_text import shown_text
from metrics.weeks import IsoWeek
from ritual.digest_data import DigestData
from texts import t
from texts.format import LOCALES, format_value, label

MAX_EXPERIMENTS = 5
MAX_CHARTED = 1  # the first shown with figures: keeps the extra work of a digest under 200 ms
MAX_QUESTIONS = 4
MAX_EXPLAINED = 5
NOTE_CHARS = 80


def _pct(value: float, lang: str) -> str:
    return format_decimal(round(value, 1), format="+#,##0.0;−#,##0.0", locale=LOCALES.get(lang, "en_US"))


def _day(day: date, lang: str) -> str:
    return format_date(day, "d.M.yyyy" if lang == "de" else "MMM d, yyyy",
                       locale=LOCALES.get(lang, "en_US"))


def verdict_text(experiment: dict, lang: str) -> str:
    """The bot's verdict in words, with the reason or the weeks still needed."""
    verdict, reason = experiment["verdict"], experiment.get("reason")
    why = t(f"experiment.{reason}", lang) if reason else ""
    if verdict == "too_early" and experiment.get("weeks_needed") is None:
        return t("experiment.verdict.too_early_open", lang, reason=why)
    return t(f"experiment.verdict.{verdict}", lang, reason=why, weeks=experiment.get("weeks_needed"))


def person_text(experiment: dict, lang: str) -> str:
    person = experiment.get("person_verdict")
    return t(f"digest.{person}", lang) if person else t("experiment.person_open", lang)


def effect_text(data: DigestData, experiment: dict) -> str:
    """'KPI: before → after (effect, interval) · since …' or just the KPI and start."""
    lang, kpi = data.lang, experiment["kpi"]
    since = date.fromisoformat(experiment["since"])
    if experiment.get("effect_pct") is None:
        return t("experiment.no_effect_figures", lang, label=label(kpi, lang), since=_day(since, lang))
    low, high = experiment["interval_pct"]
    return t("experiment.effect", lang, label=label(kpi, lang),
             before=format_value(kpi, experiment["before"], lang, data.currency),
             after=format_value(kpi, experiment["after"], lang, data.currency),
             effect=_pct(experiment["effect_pct"], lang), low=_pct(low, lang),
             high=_pct(high, lang), since=_day(since, lang), weeks=experiment["weeks_after"])


def experiment_lines(data: DigestData, experiment: dict) -> list[str]:
    """Claim, figures, and both verdicts of one experiment."""
    lang = data.lang
    verdict = verdict_text(experiment, lang)
    if experiment.get("verdict_since"):
        verdict = t("experiment.verdict_since", lang, verdict=verdict,
                    week=IsoWeek.parse(experiment["verdict_since"]).week)
    return [f"🧪 *{escape_user_text(experiment['hypothesis'])}*", effect_text(data, experiment),
            t("experiment.verdicts", lang, bot=verdict, person=person_text(experiment, lang))]


def shown_experiments(data: DigestData) -> list[dict]:
    """Open experiments first, then the newest: at most five."""
    ordered = sorted(data.experiments, key=lambda e: (e.get("person_verdict") is not None,
                                                      e["since"]), reverse=False)
    open_first = [e for e in ordered if e.get("person_verdict") is None][::-1]
    decided = [e for e in ordered if e.get("person_verdict") is not None][::-1]
    return (open_first + decided)[:MAX_EXPERIMENTS]


def week_name(week_text: str, lang: str, current: IsoWeek) -> str:
    """'KW 34' for a week of the digest's year, 'KW 52/2025' for another."""
    week = IsoWeek.parse(week_text)
    if week.year == current.year:
        return t("bend.week", lang, week=week.week)
    return t("bend.week_year", lang, week=week.week, year=week.year)


def _bend_values(data: DigestData, bend: dict) -> dict:
    lang = data.lang
    return {"week": week_name(bend["week"], lang, data.week), "label": label(bend["kpi"], lang),
            "moved": t("bend.rose" if bend["after"] > bend["before"] else "bend.fell", lang),
            "before": format_value(bend["kpi"], bend["before"], lang, data.currency),
            "after": format_value(bend["kpi"], bend["after"], lang, data.currency)}


def unexplained(data: DigestData) -> list[dict]:
    """Bends without a note that names their KPI, those without any note near them first, newest
    first: each becomes a question (with the candidate note near it, if there is one)."""
    open_first = sorted((b for b in data.bends if not b["notes"]), key=lambda b: b["week"],
                        reverse=True)
    return sorted(open_first, key=lambda b: not b["question_asked"])[:MAX_QUESTIONS]


def _note_values(note: dict) -> dict:
    text = shown_text(note["text"])
    return {"note": note.get("number") or note["id"],
            "text": escape_user_text(text if len(text) <= NOTE_CHARS else text[:NOTE_CHARS - 1] + "…")}


def bend_question_lines(data: DigestData) -> list[str]:
    """A question per unexplained bend: "maybe note 5?" when a note sits near it, else "what
    happened?"."""
    lines = []
    for bend in unexplained(data):
        if bend.get("candidates"):
            lines.append(t("bend.maybe", data.lang, **_bend_values(data, bend),
                           **_note_values(bend["candidates"][0])))
        else:
            lines.append(t("bend.question", data.lang, **_bend_values(data, bend)))
    return lines


def explained_bend_lines(data: DigestData) -> list[str]:
    """Bends with the nearest note that names their KPI, newest first."""
    explained = sorted((b for b in data.bends if b["notes"]), key=lambda b: b["week"],
                       reverse=True)[:MAX_EXPLAINED]
    return [t("bend.explained", data.lang, **_bend_values(data, bend), **_note_values(bend["notes"][0]))
            for bend in explained]
