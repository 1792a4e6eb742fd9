"""Submitted modal values to parsed inputs, with errors tied to the field that caused them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from capture.commands import MAX_NOTE
from capture.context import ParseContext
from capture.dates import parse_date
from capture.durations import parse_duration
from capture.errors import InputError
from capture.inputs import AnyInput, CostInput, HoursInput, MetricInput, NoteInput
from capture.numbers import parse_amount, parse_value
from capture.vocabulary import category_and_class, cause_of
from metrics.vocabulary import CAUSE_METRICS, DEFAULT_COST_CATEGORY

T = TypeVar("T")


class FormError(InputError):
    """A field of the form holds bad input: the input error, and the field it belongs to."""

    def __init__(self, block_id: str, error: InputError) -> None:
        super().__init__(error.code, **error.params)
        self.block_id, self.error = block_id, error


def _field(block_id: str, parse: Callable[[], T]) -> T:
    try:
        return parse()
    except InputError as error:
        raise FormError(block_id, error) from error


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def input_from_form(kind: str, values: dict[str, str | None], ctx: ParseContext) -> AnyInput:
    """The input a submitted form describes."""
    occurred_on = _field("date", lambda: parse_date(values.get("date") or "today", ctx))
    if kind == "cost":
        category, cost_class = category_and_class(
            _clean(values.get("category")) or DEFAULT_COST_CATEGORY, ctx.category_classes)
        every = values.get("every")
        return CostInput(
            amount=_field("amount", lambda: parse_amount(values.get("amount") or "", ctx)),
            category=category,
            cost_class=cost_class,
            description=_clean(values.get("description")),
            occurred_on=occurred_on,
            channel=_clean(values.get("channel")),
            every=every if every in ("month", "year") else None,
        )
    if kind == "hours":
        return HoursInput(
            hours=_field("duration", lambda: parse_duration(values.get("duration") or "")),
            activity=values.get("activity") or "other",
            description=_clean(values.get("description")),
            occurred_on=occurred_on,
            channel=_clean(values.get("channel")),
        )
    if kind == "note":
        text = _clean(values.get("text"))
        if text is None:
            raise FormError("text", InputError("note_empty"))
        if len(text) > MAX_NOTE:
            raise FormError("text", InputError("note_too_long", length=len(text), limit=MAX_NOTE))
        return NoteInput(text=text, occurred_on=occurred_on, kind=values.get("kind") or "context")
    metric = values.get("metric") or "orders"
    dimension = _clean(values.get("dimension"))
    return MetricInput(
        metric=metric,
        value=_field("value", lambda: parse_value(values.get("value") or "", ctx)),
        occurred_on=occurred_on,
        channel=None if metric in CAUSE_METRICS else dimension,
        cause=cause_of(dimension) if metric in CAUSE_METRICS and dimension else None,
    )
