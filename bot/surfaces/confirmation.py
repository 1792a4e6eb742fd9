"""Ephemeral confirmations with an Undo button, and the entry list with Delete buttons.

Every text is cut to Slack's limits here, where it is rendered: a section's text to 3,000
characters, a button's to 75, a message's `text` to 40,000. User text inside a confirmation or
an error is shortened first, so what follows it (the date, the correct example) stays visible.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from functools import lru_cache

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.mrkdwn import escape_user_text
from ritual.outcomes import EntryView
from ritual.recording import Refused
from texts import say, t
from texts.describe import describe
from texts.limits import MESSAGE_TEXT, SECTION_TEXT, cut

UNDO_ACTION = "entry_undo"
DELETE_ACTION = "entry_delete"
EDIT_ACTION = "entry_edit"
BUTTON_TEXT = 75
SHOWN_TEXT = 500  # a description or note inside a confirmation
ECHO_TEXT = 200  # the user's input quoted back in an error


class _Echoed:
    """A problem whose quoted input is shortened and shown as typed, for rendering with `say`."""

    def __init__(self, problem: object) -> None:
        self.code = problem.code
        self.params = {key: escape_user_text(cut(value, ECHO_TEXT)) if isinstance(value, str)
                       else value for key, value in (getattr(problem, "params", None) or {}).items()}


def shown_entry(entry):
    """The entry with its texts shortened and made inert for display (it is stored as typed):
    a note saying <!channel> must not ping anyone, not even in an ephemeral echo."""
    if not is_dataclass(entry):
        return entry
    texts = {f.name: escape_user_text(cut(value, SHOWN_TEXT)) for f in fields(entry)
             if isinstance(value := getattr(entry, f.name), str)}
    return replace(entry, **texts) if texts else entry


def _button(text: str, **kwargs) -> ButtonElement:
    return ButtonElement(text=cut(text, BUTTON_TEXT), **kwargs)


@lru_cache(maxsize=8)
def _undo_and_edit(lang: str) -> dict:
    """The Undo and Edit buttons of a confirmation, built and validated once per language (their
    value, the entry's id, is set per confirmation)."""
    return ActionsBlock(elements=[
        _button(t("undo", lang), action_id=UNDO_ACTION, value="0"),
        _button(t("edit", lang), action_id=EDIT_ACTION, value="0"),
    ]).to_dict()


def saved_message(what: str, entry_id: int, lang: str) -> dict:
    """The confirmation of a stored entry, with Undo and Edit buttons."""
    text = cut(t("saved", lang, what=what), SECTION_TEXT)
    actions = _undo_and_edit(lang)
    buttons = [{**button, "value": str(entry_id)} for button in actions["elements"]]
    section = SectionBlock(text=MarkdownTextObject(text=text)).to_dict()
    return {"text": text, "blocks": [section, {**actions, "elements": buttons}]}


def confirmation(view: EntryView | Refused) -> dict:
    """The ephemeral answer to a recorded (or refused) entry."""
    if isinstance(view, Refused):
        return plain_message(t("not_saved", view.lang, reason=say(_Echoed(view.error), view.lang)))
    return saved_message(describe(shown_entry(view.input), view.lang, view.currency, view.note_number),
                         view.id, view.lang)


def described(key: str, view: EntryView) -> dict:
    """A plain message naming the entry, e.g. "Removed: 49,90 € · Tools …"."""
    return plain_message(t(key, view.lang, what=describe(shown_entry(view.input), view.lang,
                                                         view.currency, view.note_number)))


def db_down_message() -> dict:
    return plain_message(t("db_down", "de") + "\n" + t("db_down", "en"))


def plain_message(text: str) -> dict:
    """One section with the text (cut to 3,000), and the text as the message's fallback."""
    section = SectionBlock(text=MarkdownTextObject(text=cut(text, SECTION_TEXT)))
    return {"text": cut(text, MESSAGE_TEXT), "blocks": [section.to_dict()]}


def entry_list_message(items: list[tuple[int, str, str]], lang: str) -> dict:
    """The newest entries, each a line with who/when (and its edits), Edit and Delete buttons."""
    if not items:
        return plain_message(t("list_empty", lang))
    title = cut(t("list_title", lang, n=len(items)), SECTION_TEXT)
    blocks: list = [SectionBlock(text=MarkdownTextObject(text=title))]
    for entry_id, what, byline in items:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=cut(what, SECTION_TEXT))))
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=cut(byline, SECTION_TEXT))]))
        blocks.append(ActionsBlock(elements=[
            _button(t("edit", lang), action_id=EDIT_ACTION, value=str(entry_id)),
            _button(t("delete", lang), action_id=DELETE_ACTION, value=str(entry_id),
                    style="danger"),
        ]))
    return {"text": title, "blocks": [b.to_dict() for b in blocks]}
