"""The digest's first thread reply: full scorecard, alerts, notes, experiments and bends, and the
imported lines still to categorise."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DividerBlock,
    SectionBlock,
)

from bot.digest.blocks import MAX_BLOCKS, joined_sections, markdown, scorecard_blocks
from bot.digest.content import alert_lines, note_lines
from bot.digest.experiments_section import (
    bend_question_lines,
    experiment_lines,
    explained_bend_lines,
    shown_experiments,
)
from bot.digest.open_lines import open_line_blocks
from bot.mrkdwn import escape_user_text
from ritual.digest_data import DigestData
from texts import t

MAX_NOTES_SHOWN = 15
HYPOTHESIS_ACTION = "hypothesis_outcome"
OUTCOMES = ("confirmed", "refuted", "running")
THREAD_EVENT_TYPE = "northstar_digest_thread"


def outcome_buttons(data: DigestData, entry_id: int, bot_verdict: str | None) -> ActionsBlock:
    """Confirmed / Refuted / Still running; the value carries the bot's verdict to show beside."""
    return ActionsBlock(elements=[
        ButtonElement(text=t("digest." + key, data.lang), action_id=f"{HYPOTHESIS_ACTION}:{key}",
                      value=f"{entry_id}:{key}:{bot_verdict or ''}",
                      style={"confirmed": "primary", "refuted": "danger"}.get(key))
        for key in OUTCOMES])


def experiment_blocks(data: DigestData) -> list[Block]:
    """Per experiment its claim, figures and verdicts, and the person's buttons."""
    blocks: list[Block] = []
    shown = shown_experiments(data)
    if shown:
        blocks.append(SectionBlock(text=markdown(t("experiment.section", data.lang))))
    for experiment in shown:
        blocks.append(SectionBlock(text=markdown("\n".join(experiment_lines(data, experiment)))))
        if experiment.get("person_verdict") is None:
            blocks.append(outcome_buttons(data, experiment["id"], experiment["verdict"]))
    judged = {e["id"] for e in data.experiments}
    for hypothesis in data.hypotheses[:3]:
        if hypothesis.entry_id in judged or hypothesis.outcome in ("confirmed", "refuted"):
            continue
        blocks.append(SectionBlock(text=markdown(
            f"{t('digest.hypothesis', data.lang)}\n🧪 {escape_user_text(hypothesis.text)}\n"
            f"_{t('digest.hypothesis_ask', data.lang)}_")))
        blocks.append(outcome_buttons(data, hypothesis.entry_id, None))
    return blocks


def bend_blocks(data: DigestData) -> list[Block]:
    lines = bend_question_lines(data) + explained_bend_lines(data)
    return joined_sections(t("bend.section", data.lang), lines) if lines else []


def thread_blocks(data: DigestData) -> list[dict]:
    """Every block of the thread reply, as dicts, at most 50."""
    lang = data.lang
    blocks: list[Block] = [SectionBlock(text=markdown(t("digest.thread_title", lang, week=data.week.week))),
                           *scorecard_blocks(data), DividerBlock(),
                           *joined_sections(t("digest.alerts", lang), alert_lines(data)),
                           DividerBlock()]
    notes = note_lines(data)
    if notes:
        shown = notes[:MAX_NOTES_SHOWN]
        if len(notes) > len(shown):
            shown.append(f"… +{len(notes) - len(shown)}")
        blocks += joined_sections(t("digest.notes", lang), shown)
    else:
        blocks.append(SectionBlock(text=markdown(f"{t('digest.notes', lang)}\n{t('digest.no_notes', lang)}")))
    experiments = experiment_blocks(data)
    bends = bend_blocks(data)
    if experiments or bends:
        blocks += [DividerBlock(), *experiments, *bends]
    blocks += open_line_blocks(data, MAX_BLOCKS - len(blocks))
    return [block.to_dict() for block in blocks[:MAX_BLOCKS]]


def thread_fallback(data: DigestData) -> str:
    return t("digest.thread_title", data.lang, week=data.week.week).replace("*", "")
