"""The "Answer" modal for the digest's three focus questions."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import InputBlock, PlainTextInputElement
from slack_sdk.models.views import View

from ritual.notes import QUESTION_KINDS
from texts import t

ANSWER_CALLBACK = "digest_answers"


def answer_view(week: str, lang: str, channel: str | None, ts: str | None) -> dict:
    """The modal with the three focus questions."""
    blocks = [
        InputBlock(block_id=kind, label=t("digest." + key, lang), optional=True,
                   element=PlainTextInputElement(action_id="value", multiline=True, max_length=3000))
        for key, kind in QUESTION_KINDS
    ]
    return View(type="modal", callback_id=ANSWER_CALLBACK, title=t("digest.answer_title", lang)[:24],
                submit=t("modal_submit", lang), close=t("modal_cancel", lang),
                private_metadata=json.dumps({"week": week, "channel": channel, "ts": ts}),
                blocks=blocks).to_dict()


def submitted_answers(view: dict) -> list[tuple[str, str]]:
    """(note kind, text) for each question of the submitted modal."""
    values = view.get("state", {}).get("values", {})
    return [(kind, ((values.get(kind) or {}).get("value") or {}).get("value") or "")
            for _, kind in QUESTION_KINDS]
