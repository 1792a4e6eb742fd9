"""The digest as readable plain text (digest.txt, and the CLI)."""

from __future__ import annotations

import html
import re

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
from ritual.digest_data import DigestData
from texts import t

MENTION = re.compile(r"<@([A-Z0-9]+)>")


def _plain(text: str) -> str:
    plain = MENTION.sub(r"@\1", text).replace("*", "").replace("_", "")
    return html.unescape(plain)


def digest_text(data: DigestData) -> str:
    """The whole digest in a few screens of text."""
    lang = data.lang
    lines = [header(data), t("digest.zone", lang, zone=data.workspace.timezone)]
    if data.late:
        lines.append(t("digest.late", lang))
    lines += ["", _plain(north_star_line(data)), "", _plain(t("digest.scorecard", lang))]
    score = score_lines(data)
    width = max(len(line.label) for line in score) if score else 0
    for line in score:
        goal = f"  {t('digest.goal', lang)} {line.goal} {line.status}" if line.goal else ""
        lines.append(f"  {line.label:<{width}}  {line.value:>14}  "
                     f"({t('digest.avg4', lang)} {line.average}){goal}")
    gap = gap_line(data)
    if gap:
        lines += ["", _plain(gap)]
    lines += [_plain(line) for line in changed_after_lines(data)]
    lines += ["", _plain(t("digest.alerts", lang)), *(_plain(a) for a in alert_lines(data))]
    lines += ["", _plain(t("digest.notes", lang))]
    lines += [f"  {_plain(n)}" for n in note_lines(data)] or [f"  {_plain(t('digest.no_notes', lang))}"]
    for hypothesis in data.hypotheses:
        lines += ["", _plain(t("digest.hypothesis", lang)), f"  🧪 {hypothesis.text}",
                  f"  {t('digest.hypothesis_ask', lang)} [{t('digest.confirmed', lang)}] "
                  f"[{t('digest.refuted', lang)}] [{t('digest.running', lang)}]"]
    questions = [_plain(q) for q in question_lines(lang, data.focus)]
    lines += ["", _plain(t("digest.questions", lang)), *questions,
              _plain(t("digest.reply_hint", lang))]
    return "\n".join(lines) + "\n"
