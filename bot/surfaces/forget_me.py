"""`/kpi forget-me`: the question with its two buttons, and the answer with what was removed."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, MarkdownTextObject, SectionBlock

from bot.surfaces.confirmation import plain_message
from texts import t
from texts.limits import SECTION_TEXT, cut

FORGET_CONFIRM_ACTION = "forget_me_confirm"
FORGET_CANCEL_ACTION = "forget_me_cancel"
TRACE_KEYS = ("notes", "entered_by", "deleted_by", "set_by", "goal_history_set_by", "edited_by",
              "owner_set_by", "pause_set_by", "known_none_by", "owned_inputs", "away", "nudges",
              "installed_by")


def forget_question(counts: dict[str, int], user_id: str, lang: str) -> dict:
    """What would be removed, with a Confirm and a Cancel button (the value names the person)."""
    if not any(counts.values()):
        return plain_message(t("forget.nothing", lang))
    plan = "\n".join(t(f"forget.{key}", lang, n=counts[key]) for key in TRACE_KEYS if counts.get(key))
    text = cut(t("forget.ask", lang, plan=plan), SECTION_TEXT)
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=text)),
        ActionsBlock(elements=[
            ButtonElement(text=t("forget.confirm", lang), action_id=FORGET_CONFIRM_ACTION,
                          value=user_id, style="danger"),
            ButtonElement(text=t("forget.cancel", lang), action_id=FORGET_CANCEL_ACTION,
                          value=user_id),
        ]),
    ]
    return {"text": text, "blocks": [block.to_dict() for block in blocks]}


def forget_done(counts: dict[str, int], lang: str) -> dict:
    return plain_message(t("forget.done", lang, **{key: counts.get(key, 0) for key in TRACE_KEYS}))
