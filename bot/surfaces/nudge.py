"""A nudge as a direct message: each missing input with Record and "Nothing this week"."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from ritual.nudges import NudgeMessage
from texts import t
from texts.format import input_label

NUDGE_RECORD_ACTION = "nudge_record"
NUDGE_NONE_ACTION = "nudge_none"
EVENT_TYPE = "northstar_nudge"


def button_value(week: str, name: str, day: str) -> str:
    return f"{week}|{name}|{day}"


def parse_button_value(value: str) -> tuple[str, str, str]:
    """(week, input, day) of a nudge button."""
    week, name, day = value.split("|")
    return week, name, day


def nudge_metadata(message: NudgeMessage) -> dict:
    """Slack message metadata naming the nudge, so that a retry can find it."""
    return {"event_type": EVENT_TYPE, "event_payload": {
        "workspace": message.workspace_id, "week": str(message.week), "user": message.user_id}}


def nudge_fallback(message: NudgeMessage) -> str:
    names = ", ".join(input_label(name, message.lang) for name in message.inputs)
    return t("nudge.fallback", message.lang, week=message.week.week, names=names)


def nudge_blocks(message: NudgeMessage) -> list[dict]:
    """The DM: an intro, then per input its name and two buttons (at most 10 inputs shown)."""
    lang, week = message.lang, str(message.week)
    blocks: list = [SectionBlock(text=MarkdownTextObject(
        text=t("nudge.intro", lang, week=message.week.week)))]
    for name in message.inputs[:10]:
        value = button_value(week, name, message.day.isoformat())
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"• *{input_label(name, lang)}*")))
        blocks.append(ActionsBlock(block_id=f"nudge:{name}", elements=[
            ButtonElement(text=t("nudge.record", lang), action_id=f"{NUDGE_RECORD_ACTION}:{name}",
                          value=value, style="primary"),
            ButtonElement(text=t("nudge.none", lang), action_id=f"{NUDGE_NONE_ACTION}:{name}",
                          value=value),
        ]))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t("nudge.footer", lang))]))
    return [block.to_dict() for block in blocks]
