"""The digest as Block Kit (slack_sdk models), within Slack's limits."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.digest.cohort_words import cohort_line
from bot.digest.content import (
    changed_after_lines,
    gap_line,
    header,
    home_line,
    north_star_line,
    question_lines,
    score_lines,
)
from bot.digest.experiments_section import shown_experiments, unexplained
from bot.digest.problems import attention_lines
from bot.mrkdwn import escaped
from ritual.digest_data import DigestData
from texts import t
from texts.format import format_value, label

MAX_BLOCKS = 50
SECTION_TEXT_LIMIT = 3000
HYPOTHESIS_ACTION = "hypothesis_outcome"
ANSWER_ACTION = "digest_answer"


def markdown(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=_fit(text))


def _fit(text: str, limit: int = SECTION_TEXT_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def joined_sections(title: str, lines: list[str]) -> list[Block]:
    """Lines under a title, split over as few sections as the text limit allows."""
    blocks: list[Block] = []
    current = title
    for line in lines:
        candidate = f"{current}\n{line}"
        if len(candidate) > SECTION_TEXT_LIMIT:
            blocks.append(SectionBlock(text=markdown(current)))
            current = line
        else:
            current = candidate
    blocks.append(SectionBlock(text=markdown(current)))
    return blocks


def scorecard_blocks(data: DigestData) -> list[Block]:
    """The scorecard as section fields: value, 4-week average, goal and status per KPI."""
    fields = []
    for line in score_lines(data):
        goal = f" · {t('digest.goal', data.lang)} {line.goal} {line.status}" if line.goal else ""
        fields.append(markdown(f"*{line.label}*\n{line.value}  ({t('digest.avg4', data.lang)} "
                          f"{line.average}){goal}"))
    return [SectionBlock(text=markdown(t("digest.scorecard", data.lang)), fields=fields[:10])]


def _summary(data: DigestData) -> str | None:
    """One line that points to the thread: experiments by verdict, unexplained bends."""
    parts = []
    verdicts = [e["verdict"] for e in shown_experiments(data)]
    if verdicts:
        counts = {v: verdicts.count(v) for v in dict.fromkeys(verdicts)}
        parts.append(t("digest.experiments_summary", data.lang, verdicts=", ".join(
            f"{n}× {t('experiment.short.' + v, data.lang)}" for v, n in counts.items())))
    questions = unexplained(data)
    if questions:
        parts.append(t("bend.questions_waiting", data.lang, count=len(questions)))
    return " · ".join(parts) or None


def digest_blocks(data: DigestData, preview: bool = False) -> list[dict]:
    """The channel message: north star, what needs attention, the three questions; at most 50."""
    lang = data.lang
    context = []
    if data.late:
        context.append(t("digest.late", lang))
    if preview:
        context.append(t("digest.preview", lang))
    blocks: list[Block] = [
        HeaderBlock(text=_fit(header(data), 150)),
        *([ContextBlock(elements=[markdown(" · ".join(context))])] if context else []),
        SectionBlock(text=markdown(north_star_line(data))),
        *joined_sections(t("digest.attention", lang), attention_lines(data)),
    ]
    gap = gap_line(data)
    if gap:
        blocks.append(ContextBlock(elements=[markdown(gap)]))
    history = [*changed_after_lines(data), *filter(None, [cohort_line(data), home_line(data)])]
    if history:
        blocks.append(ContextBlock(elements=[markdown("\n".join(history))]))
    summary = _summary(data)
    if summary:
        blocks.append(ContextBlock(elements=[markdown(summary)]))
    blocks += [
        DividerBlock(),
        SectionBlock(text=markdown("\n".join([t("digest.questions", lang), *question_lines(
                                             lang, data.focus, data.questions),
                                         f"_{t('digest.reply_hint', lang)}_"])),
                     accessory=ButtonElement(text=t("digest.answer", lang), action_id=ANSWER_ACTION,
                                             value=str(data.week), style="primary")),
        ContextBlock(elements=[markdown(t("digest.in_thread", lang))]),
    ]
    return [block.to_dict() for block in blocks[:MAX_BLOCKS]]


def fallback_text(data: DigestData) -> str:
    """The notification text: week and north star."""
    kpi = data.workspace.north_star
    value = data.report.kpis[kpi].value if kpi in data.report.kpis else None
    return t("digest.fallback", data.lang, week=data.week.week, label=label(kpi, data.lang),
              value=format_value(kpi, escaped(value), data.lang, data.currency))
