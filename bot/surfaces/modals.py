"""The modal forms behind a bare `/cost`, `/hours`, `/note` and `/kpi record`.

User text that lands in a form (the workspace's category names) is fitted to Slack's limits
here: an option's text to 75 characters, its value to 150, at most 100 options in a select.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from slack_sdk.models.blocks import (
    DatePickerElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from metrics.vocabulary import ACTIVITIES, NOTE_KINDS, RECORDED_METRICS
from texts import t
from texts.limits import cut
from texts.words import word

MODAL_CALLBACK = "entry_modal"
SELECTED = ("selected_date", "selected_time", "selected_conversation", "selected_user")
OPTION_TEXT = 75
OPTION_VALUE = 150
MAX_OPTIONS = 100


def _text(block_id: str, label: str, *, optional: bool = False, hint: str | None = None,
          multiline: bool = False, max_length: int | None = None) -> InputBlock:
    return InputBlock(
        block_id=block_id, label=label, optional=optional,
        hint=PlainTextObject(text=hint) if hint else None,
        element=PlainTextInputElement(action_id="value", multiline=multiline, max_length=max_length),
    )


def _select(block_id: str, label: str, options: list[tuple[str, str]], *,
            initial: str | None = None, optional: bool = False) -> InputBlock:
    opts = [Option(value=value, text=cut(text, OPTION_TEXT))
            for value, text in options if value and len(value) <= OPTION_VALUE]
    if initial is not None and len(opts) > MAX_OPTIONS:
        # keep the preselected option among the ones shown
        opts.sort(key=lambda o: o.value != initial)
    opts = opts[:MAX_OPTIONS]
    chosen = next((o for o in opts if o.value == initial), None)
    return InputBlock(
        block_id=block_id, label=label, optional=optional,
        element=StaticSelectElement(action_id="value", options=opts, initial_option=chosen),
    )


def _date(lang: str, today: str) -> InputBlock:
    return InputBlock(block_id="date", label=t("f_date", lang),
                      element=DatePickerElement(action_id="value", initial_date=today))


def _fields(kind: str, lang: str, today: str, categories: list[str],
            own: Sequence[tuple[str, str]], metric: str | None = None) -> list[InputBlock]:
    if kind == "cost":
        return [
            _text("amount", t("f_amount", lang), hint=t("hint_amount", lang)),
            _select("category", t("f_category", lang), [(c, word(c, lang)) for c in categories],
                    initial="tools" if "tools" in categories else None),
            _text("description", t("f_description", lang), optional=True),
            _date(lang, today),
            _text("channel", t("f_channel", lang), optional=True),
            _select("every", t("f_every", lang), [("once", t("f_once", lang)),
                    ("month", t("f_month", lang)), ("year", t("f_year", lang))], initial="once"),
        ]
    if kind == "hours":
        return [
            _text("duration", t("f_duration", lang), hint=t("hint_duration", lang)),
            _select("activity", t("f_activity", lang), [(a, word(a, lang)) for a in ACTIVITIES],
                    initial="other"),
            _text("description", t("f_description", lang), optional=True),
            _date(lang, today),
            _text("channel", t("f_channel", lang), optional=True),
        ]
    if kind == "note":
        return [
            _text("text", t("f_text", lang), multiline=True, max_length=3000),
            _select("kind", t("f_kind", lang), [(k, word(k, lang)) for k in NOTE_KINDS], initial="context"),
            _date(lang, today),
        ]
    return [
        _select("metric", t("f_metric", lang), [(m, word(m, lang)) for m in RECORDED_METRICS]
                + list(own), initial=metric or "orders"),
        _text("value", t("f_value", lang)),
        _text("dimension", t("f_dimension", lang), optional=True, hint=t("hint_dimension", lang)),
        _date(lang, today),
    ]


def entry_modal(kind: str, lang: str, today: str, categories: list[str],
                channel_id: str | None, metric: str | None = None,
                own: Sequence[tuple[str, str]] = ()) -> dict:
    """The form for one kind of entry (a metric form may come with its metric chosen, and
    offers the workspace's own metrics as (key, label)); the channel rides along for the
    confirmation."""
    view = View(
        type="modal",
        callback_id=f"{MODAL_CALLBACK}:{kind}",
        title=t(f"title_{kind}", lang),
        submit=t("modal_submit", lang),
        close=t("modal_cancel", lang),
        private_metadata=json.dumps({"channel": channel_id}),
        blocks=_fields(kind, lang, today, categories, own, metric),
    )
    return view.to_dict()


def submitted_values(view: dict) -> dict[str, str | None]:
    """The values of a submitted form, by block id (text, selects, date, time, conversation)."""
    values: dict[str, str | None] = {}
    for block_id, actions in view.get("state", {}).get("values", {}).items():
        element = actions.get("value", {})
        if "selected_option" in element:
            values[block_id] = (element.get("selected_option") or {}).get("value")
        else:
            values[block_id] = next((element[key] for key in SELECTED if key in element),
                                    element.get("value"))
    return values
