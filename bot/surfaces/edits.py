"""The edit form (the entry form, prefilled) and the audit trail as people read it."""

from __future__ import annotations

import json
from itertools import groupby
from zoneinfo import ZoneInfo

from bot.mrkdwn import escape_user_text, person
from bot.surfaces.confirmation import EDIT_ACTION
from bot.surfaces.modals import entry_modal
from ritual.edits import EditForm
from storage.edits import FieldChange
from texts import t
from texts.limits import cut
from texts.words import word

__all__ = ["EDIT_ACTION", "EDIT_CALLBACK", "audit_lines", "edit_modal"]
EDIT_CALLBACK = "entry_edit_modal"
AUDIT_SHOWN = 3
VALUE_SHOWN = 60
# fields whose values are vocabulary keys (shown in the workspace's words)
WORD_FIELDS = frozenset({"category", "cost_class", "activity", "metric", "cause", "note_kind",
                         "every"})


def _prefill(block: dict, value: str) -> None:
    element = block.get("element") or {}
    if element.get("type") == "plain_text_input":
        element["initial_value"] = value
    elif element.get("type") == "datepicker":
        element["initial_date"] = value
    elif element.get("type") == "static_select":
        chosen = next((o for o in element.get("options", []) if o["value"] == value), None)
        if chosen is not None:
            element["initial_option"] = chosen


def edit_modal(form: EditForm, channel_id: str | None) -> dict:
    """The entry form of the entry's kind, filled with what is stored."""
    view = entry_modal(form.kind, form.lang, form.today, form.categories, channel_id,
                       own=form.own_metrics)
    view["callback_id"] = EDIT_CALLBACK
    view["title"] = {"type": "plain_text", "text": t("edit_title", form.lang)}
    view["private_metadata"] = json.dumps({"channel": channel_id, "entry": form.entry_id,
                                           "kind": form.kind})
    for block in view["blocks"]:
        value = form.values.get(block.get("block_id"))
        if value and block.get("block_id") == "dimension" and form.values.get("metric") == "errors":
            value = word(value, form.lang)  # a known cause in the workspace's words
        if value:
            _prefill(block, value)
    return view


def _shown(value: str | None, lang: str, field: str = "") -> str:
    """A value as typed (a built-in word in the workspace's language), shortened and made
    inert (it cannot ping or link)."""
    if value in (None, ""):
        return "–"
    return escape_user_text(cut(word(value, lang) if field in WORD_FIELDS else value, VALUE_SHOWN))


def audit_lines(changes: list[FieldChange], lang: str, timezone: str) -> list[str]:
    """One line per edit (newest last, the last few): who, when, field old → new (the values
    shown as typed: escaped for mrkdwn)."""
    lines = []
    for (user, at), group in groupby(changes, key=lambda c: (c.edited_by, c.edited_at)):
        fields = ", ".join(f"{t('field.' + c.field, lang)} {_shown(c.old, lang, c.field)} → "
                           f"{_shown(c.new, lang, c.field)}" for c in group)
        when = f"{at.astimezone(ZoneInfo(timezone)):%d.%m. %H:%M}"
        lines.append(t("audit_line", lang, user=person(user), when=when, changes=fields))
    return lines[-AUDIT_SHOWN:]
