"""The digest as readable plain text (digest.txt, and the CLI): the channel message, then its thread."""

from __future__ import annotations

import html
import re

from bot.digest.cohort_words import cohort_line
from bot.digest.content import (
    alert_lines,
    changed_after_lines,
    gap_line,
    header,
    north_star_line,
    note_lines,
    question_lines,
    score_lines,
)
from bot.digest.experiments_section import (
    bend_question_lines,
    experiment_lines,
    explained_bend_lines,
    shown_experiments,
)
from bot.digest.problems import attention_lines
from ritual.digest_data import DigestData
from texts import t

MENTION = re.compile(r"<@([A-Z0-9]+)>")
EMPHASIS = re.compile(r"(?<!\w)[*_]+|[*_]+(?!\w)")  # mrkdwn's *bold* and _italic_, not snake_case


def _plain(text: str) -> str:
    plain = EMPHASIS.sub("", MENTION.sub(r"@\1", text))
    return html.unescape(plain)


def channel_text(data: DigestData) -> list[str]:
    """The channel message: north star, what needs attention, the three questions."""
    lang = data.lang
    lines = [header(data)]
    if data.late:
        lines.append(t("digest.late", lang))
    lines += ["", _plain(north_star_line(data)), "", _plain(t("digest.attention", lang))]
    lines += [f"  {_plain(line)}" for line in attention_lines(data)]
    gap = gap_line(data)
    if gap:
        lines += ["", _plain(gap)]
    lines += [_plain(line) for line in changed_after_lines(data)]
    questions = question_lines(lang, data.focus, data.questions)
    lines += [_plain(line) for line in filter(None, [cohort_line(data)])]
    lines += ["", _plain(t("digest.questions", lang)), *map(_plain, questions),
              _plain(t("digest.reply_hint", lang)), "", _plain(t("digest.in_thread", lang))]
    return lines


def _scorecard(data: DigestData) -> list[str]:
    lang = data.lang
    score = score_lines(data)
    width = max(len(line.label) for line in score) if score else 0
    lines = [_plain(t("digest.scorecard", lang))]
    for line in score:
        goal = f"  {t('digest.goal', lang)} {line.goal} {line.status}" if line.goal else ""
        lines.append(f"  {line.label:<{width}}  {_plain(line.value):>14}  "
                     f"({t('digest.avg4', lang)} {line.average}){goal}")
    return lines


def thread_text(data: DigestData) -> list[str]:
    """The first reply in the thread: scorecard, alerts, notes, experiments, bends."""
    lang = data.lang
    lines = [_plain(t("digest.thread_title", lang, week=data.week.week)), "", *_scorecard(data)]
    lines += ["", _plain(t("digest.alerts", lang)), *(_plain(a) for a in alert_lines(data))]
    lines += ["", _plain(t("digest.notes", lang))]
    lines += [f"  {_plain(n)}" for n in note_lines(data)] or [f"  {_plain(t('digest.no_notes', lang))}"]
    experiments = shown_experiments(data)
    if experiments:
        lines += ["", _plain(t("experiment.section", lang))]
        for experiment in experiments:
            lines += [f"  {_plain(line)}" for line in experiment_lines(data, experiment)]
            if experiment.get("person_verdict") is None:
                lines.append(f"  [{t('digest.confirmed', lang)}] [{t('digest.refuted', lang)}] "
                             f"[{t('digest.running', lang)}]")
    judged = {e["id"] for e in data.experiments}
    for hypothesis in data.hypotheses:
        if hypothesis.entry_id not in judged and hypothesis.outcome not in ("confirmed", "refuted"):
            lines += ["", _plain(t("digest.hypothesis", lang)), f"  🧪 {_plain(hypothesis.text)}",
                      f"  {t('digest.hypothesis_ask', lang)} [{t('digest.confirmed', lang)}] "
                      f"[{t('digest.refuted', lang)}] [{t('digest.running', lang)}]"]
    bends = bend_question_lines(data) + explained_bend_lines(data)
    if bends:
        lines += ["", _plain(t("bend.section", lang)), *(f"  {_plain(b)}" for b in bends)]
    return lines


def digest_text(data: DigestData) -> str:
    """The whole digest in a few screens of text: the channel message, then its thread."""
    lang = data.lang
    rule = "─" * 60
    return "\n".join([f"{rule}\n{t('digest.part_channel', lang)}\n{rule}", *channel_text(data), "",
                      f"{rule}\n{t('digest.part_thread', lang)}\n{rule}", *thread_text(data)]) + "\n"
