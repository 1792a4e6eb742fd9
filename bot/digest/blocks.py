"""The digest as Block Kit (slack_sdk models), within Slack's limits."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.digest.content import (
    alert_lines,
    changed_after_lines,
    gap_line,
    header,
    home_line,
    north_star_line,
    note_lines,
    question_lines,
    score_lines,
)
from bot.mrkdwn import escape_user_text
from ritual.digest_data import DigestData
from texts import t
from texts.format import format_value, label

MAX_BLOCKS = 50
SECTION_TEXT_LIMIT = 3000
MAX_NOTES_SHOWN = 15
HYPOTHESIS_ACTION = "hypothesis_outcome"
ANSWER_ACTION = "digest_answer"


def _md(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=_fit(text))


def _fit(text: str, limit: int = SECTION_TEXT_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _joined_sections(title: str, lines: list[str]) -> list[Block]:
    """Lines under a title, split over as few sections as the text limit allows."""
    blocks: list[Block] = []
    current = title
    for line in lines:
        candidate = f"{current}\n{line}"
        if len(candidate) > SECTION_TEXT_LIMIT:
            blocks.append(SectionBlock(text=_md(current)))
            current = line
        else:
            current = candidate
    blocks.append(SectionBlock(text=_md(current)))
    return blocks


def scorecard_blocks(data: DigestData) -> list[Block]:
    """The scorecard as section fields: value, 4-week average, goal and status per KPI."""
    fields = []
    for line in score_lines(data):
        goal = f" · {t('digest.goal', data.lang)} {line.goal} {line.status}" if line.goal else ""
        fields.append(_md(f"*{line.label}*\n{line.value}  ({t('digest.avg4', data.lang)} "
                          f"{line.average}){goal}"))
    return [SectionBlock(text=_md(t("digest.scorecard", data.lang)), fields=fields[:10])]


def hypothesis_blocks(data: DigestData) -> list[Block]:
    blocks: list[Block] = []
    for hypothesis in data.hypotheses[:3]:
        claim = escape_user_text(hypothesis.text)
        blocks.append(SectionBlock(text=_md(f"{t('digest.hypothesis', data.lang)}\n🧪 {claim}\n"
                                            f"_{t('digest.hypothesis_ask', data.lang)}_")))
        if hypothesis.outcome:
            outcome = t("digest." + {"confirmed": "confirmed", "refuted": "refuted"}.get(
                hypothesis.outcome, "running"), data.lang)
            blocks.append(ContextBlock(elements=[_md(f"➡️ {outcome}")]))
        blocks.append(ActionsBlock(elements=[
            ButtonElement(text=t("digest." + key, data.lang), action_id=f"{HYPOTHESIS_ACTION}:{key}",
                          value=f"{hypothesis.entry_id}:{key}",
                          style={"confirmed": "primary", "refuted": "danger"}.get(key))
            for key in ("confirmed", "refuted", "running")
        ]))
    return blocks


def digest_blocks(data: DigestData, preview: bool = False) -> list[dict]:
    """Every block of the digest, as dicts, at most 50."""
    lang = data.lang
    context = [t("digest.zone", lang, zone=data.workspace.timezone)]
    if data.late:
        context.append(t("digest.late", lang))
    if preview:
        context.append(t("digest.preview", lang))
    blocks: list[Block] = [
        HeaderBlock(text=_fit(header(data), 150)),
        ContextBlock(elements=[_md(" · ".join(context))]),
        SectionBlock(text=_md(north_star_line(data))),
        DividerBlock(),
        *scorecard_blocks(data),
    ]
    gap = gap_line(data)
    if gap:
        blocks.append(ContextBlock(elements=[_md(gap)]))
    history = [*changed_after_lines(data), *filter(None, [home_line(data)])]
    if history:
        blocks.append(ContextBlock(elements=[_md("\n".join(history))]))
    blocks += [DividerBlock(), *_joined_sections(t("digest.alerts", lang), alert_lines(data))]
    notes = note_lines(data)
    blocks.append(DividerBlock())
    if notes:
        shown = notes[:MAX_NOTES_SHOWN]
        if len(notes) > len(shown):
            shown.append(f"… +{len(notes) - len(shown)}")
        blocks += _joined_sections(t("digest.notes", lang), shown)
    else:
        blocks.append(SectionBlock(text=_md(f"{t('digest.notes', lang)}\n{t('digest.no_notes', lang)}")))
    blocks += hypothesis_blocks(data)
    blocks += [
        DividerBlock(),
        SectionBlock(text=_md("\n".join([t("digest.questions", lang), *question_lines(lang, data.focus),
                                         f"_{t('digest.reply_hint', lang)}_"])),
                     accessory=ButtonElement(text=t("digest.answer", lang), action_id=ANSWER_ACTION,
                                             value=str(data.week), style="primary")),
    ]
    if not preview:
        blocks.append(ContextBlock(elements=[_md(t("digest.charts_follow", lang))]))
    return [block.to_dict() for block in blocks[:MAX_BLOCKS]]


def fallback_text(data: DigestData) -> str:
    """The notification text: week and north star."""
    kpi = data.workspace.north_star
    value = data.report.kpis[kpi].value if kpi in data.report.kpis else None
    return t("digest.fallback", data.lang, week=data.week.week, label=label(kpi, data.lang),
              value=format_value(kpi, value, data.lang, data.currency))
