"""The "Answer" modal for the digest's three focus questions, with an optional experiment."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import (
    DatePickerElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from metrics.experiments import EXPERIMENT_KPIS
from ritual.notes import QUESTION_KINDS
from texts import t
from texts.format import label

ANSWER_CALLBACK = "digest_answers"
EXPERIMENT_BLOCKS = ("exp_kpi", "exp_direction", "exp_size", "exp_since")
MAX_OPTIONS = 100
NUMBERS = ("1️⃣", "2️⃣", "3️⃣")


def _experiment_blocks(lang: str) -> list[InputBlock]:
    """KPI, direction, expected size and start that turn the hypothesis into an experiment."""
    kpis = sorted(EXPERIMENT_KPIS, key=lambda key: label(key, lang).lower())[:MAX_OPTIONS]
    return [
        InputBlock(block_id="exp_kpi", label=t("experiment.form_kpi", lang), optional=True,
                   hint=t("experiment.form_hint", lang),
                   element=StaticSelectElement(action_id="value", options=[
                       Option(value=key, text=label(key, lang)[:75]) for key in kpis])),
        InputBlock(block_id="exp_direction", label=t("experiment.form_direction", lang), optional=True,
                   element=StaticSelectElement(action_id="value", options=[
                       Option(value=key, text=t(f"experiment.form_{key}", lang)) for key in ("up", "down")])),
        InputBlock(block_id="exp_size", label=t("experiment.form_size", lang), optional=True,
                   element=PlainTextInputElement(action_id="value", max_length=10,
                                                 placeholder=t("experiment.form_size_example", lang))),
        InputBlock(block_id="exp_since", label=t("experiment.form_since", lang), optional=True,
                   element=DatePickerElement(action_id="value")),
    ]


def answer_view(week: str, lang: str, channel: str | None, ts: str | None,
                own: tuple[str, str, str] | None = None) -> dict:
    """The modal with the three focus questions (the workspace's own, else the defaults), and
    the experiment fields for the third."""
    blocks = [
        InputBlock(block_id=kind, label=f"{NUMBERS[place]} {own[place]}" if own
                   else t("digest." + key, lang), optional=True,
                   element=PlainTextInputElement(action_id="value", multiline=True, max_length=3000))
        for place, (key, kind) in enumerate(QUESTION_KINDS)
    ]
    return View(type="modal", callback_id=ANSWER_CALLBACK, title=t("digest.answer_title", lang)[:24],
                submit=t("modal_submit", lang), close=t("modal_cancel", lang),
                private_metadata=json.dumps({"week": week, "channel": channel, "ts": ts}),
                blocks=[*blocks, *_experiment_blocks(lang)]).to_dict()


def _value(values: dict, block: str) -> str:
    element = (values.get(block) or {}).get("value") or {}
    selected = element.get("selected_option") or {}
    return (selected.get("value") or element.get("selected_date") or element.get("value") or "").strip()


def submitted_answers(view: dict) -> list[tuple[str, str]]:
    """(note kind, text) for each question; the hypothesis carries the experiment's options."""
    values = view.get("state", {}).get("values", {})
    answers = [(kind, _value(values, kind)) for _, kind in QUESTION_KINDS]
    kpi, direction, size, since = (_value(values, block) for block in EXPERIMENT_BLOCKS)
    options = " ".join(part for part in (
        f"kpi:{kpi}" if kpi else "", direction if kpi else "",
        (size if size.endswith("%") else f"{size}%") if kpi and size else "",
        f"since:{since}" if kpi and since else "") if part)
    return [(kind, f"{text} {options}" if kind == "hypothesis" and options and text else text)
            for kind, text in answers]


def experiment_without_claim(view: dict) -> bool:
    """A KPI was chosen but no hypothesis written."""
    values = view.get("state", {}).get("values", {})
    return bool(_value(values, "exp_kpi")) and not _value(values, "hypothesis")
