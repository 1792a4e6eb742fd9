"""Ephemeral confirmations with an Undo button, and the entry list with Delete buttons."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from ritual.outcomes import EntryView
from ritual.recording import Refused
from texts import say, t
from texts.describe import describe

UNDO_ACTION = "entry_undo"
DELETE_ACTION = "entry_delete"


def saved_message(what: str, entry_id: int, lang: str) -> dict:
    """The confirmation of a stored entry, with an Undo button."""
    text = t("saved", lang, what=what)
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=text)),
        ActionsBlock(elements=[
            ButtonElement(text=t("undo", lang), action_id=UNDO_ACTION, value=str(entry_id)),
        ]),
    ]
    return {"text": text, "blocks": [b.to_dict() for b in blocks]}


def confirmation(view: EntryView | Refused) -> dict:
    """The ephemeral answer to a recorded (or refused) entry."""
    if isinstance(view, Refused):
        return plain_message(t("not_saved", view.lang, reason=say(view.error, view.lang)))
    return saved_message(describe(view.input, view.lang, view.currency), view.id, view.lang)


def described(key: str, view: EntryView) -> dict:
    """A plain message naming the entry, e.g. "Removed: 49,90 € · Tools …"."""
    return plain_message(t(key, view.lang, what=describe(view.input, view.lang, view.currency)))


def db_down_message() -> dict:
    return plain_message(t("db_down", "de") + "\n" + t("db_down", "en"))


def plain_message(text: str) -> dict:
    return {"text": text, "blocks": [SectionBlock(text=MarkdownTextObject(text=text)).to_dict()]}


def entry_list_message(items: list[tuple[int, str, str]], lang: str) -> dict:
    """The newest entries, each a line with who/when and a Delete button."""
    if not items:
        return plain_message(t("list_empty", lang))
    title = t("list_title", lang, n=len(items))
    blocks: list = [SectionBlock(text=MarkdownTextObject(text=title))]
    for entry_id, what, byline in items:
        blocks.append(SectionBlock(
            text=MarkdownTextObject(text=what[:2900]),
            accessory=ButtonElement(
                text=t("delete", lang), action_id=DELETE_ACTION, value=str(entry_id), style="danger"
            ),
        ))
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=byline)]))
    return {"text": title, "blocks": [b.to_dict() for b in blocks]}
