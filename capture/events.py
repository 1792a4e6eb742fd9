"""Events of the ingestion API, validated with the same rules as the slash commands."""

from __future__ import annotations

import json
import math
from zoneinfo import ZoneInfo

from capture.commands import MAX_NOTE, MAX_WORD, check_dimension, check_metric, every_of
from capture.context import ParseContext
from capture.durations import parse_duration
from capture.errors import InputError
from capture.event_dates import event_day
from capture.inputs import CostInput, HoursInput, MetricInput, NoteInput
from capture.numbers import parse_amount, parse_value
from capture.vocabulary import activity_of, category_and_class, cause_of, note_kind_of
from metrics.vocabulary import ACTIVITIES, DEFAULT_COST_CATEGORY, NOTE_KINDS

AnyInput = CostInput | HoursInput | MetricInput | NoteInput
COMMON = {"type", "external_id", "occurred_on", "occurred_at", "description"}
FIELDS = {
    "cost": {"amount", "currency", "category", "channel", "every"},
    "hours": {"hours", "activity", "channel"},
    "metric": {"metric", "value", "channel", "cause"},
    "note": {"text", "kind"},
}
REQUIRED = {"cost": ("amount",), "hours": ("hours",), "metric": ("metric", "value"),
            "note": ("text",)}
ALLOWED = {kind: frozenset(COMMON | names) for kind, names in FIELDS.items()}
MAX_EXTERNAL_ID = 200


class LongNumber:
    """A JSON number too long to be any amount (over MAX_WORD characters), kept as its text:
    the event carrying it is rejected, not the batch (Python refuses ints over 4,300 digits)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text[:MAX_WORD]


def _json_int(text: str) -> int | LongNumber:
    return int(text) if len(text) <= MAX_WORD else LongNumber(text)


def load_json(text: str) -> object:
    """A JSON document as the ingestion API reads it. RecursionError when nested too deeply."""
    return json.loads(text, parse_int=_json_int)


def _shown(value: object) -> str:
    """A short text for a value named in an error (never the repr of a nested structure)."""
    if not isinstance(value, str | int | float | LongNumber):
        return type(value).__name__
    return str(value)[:MAX_WORD].encode("utf-8", "replace").decode("utf-8")


def _unicode(value: str, name: str) -> str:
    """The text, unless it holds lone surrogates (JSON allows them; UTF-8 and databases do not)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InputError("event_field_type", field=name, expected="valid Unicode text") from error
    return value


def _string(event: dict, name: str, limit: int = MAX_WORD) -> str | None:
    value = event.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError("event_field_type", field=name, expected="a string")
    if len(value) > limit:
        raise InputError("text_too_long", field=name, limit=limit)
    return _unicode(value, name).strip() or None


def _number_text(event: dict, name: str) -> str:
    value = event.get(name)
    if isinstance(value, LongNumber):
        raise InputError("text_too_long", field=name, limit=MAX_WORD)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InputError("event_field_type", field=name, expected="a number or a decimal string")
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError("event_field_type", field=name, expected="a finite number")
    if isinstance(value, str) and len(value) > MAX_WORD:
        raise InputError("text_too_long", field=name, limit=MAX_WORD)
    if isinstance(value, str):
        _unicode(value, name)
    return str(value) if not isinstance(value, float) else repr(value)


def _check_fields(event: dict, kind: str) -> None:
    allowed = ALLOWED[kind]
    if not allowed.issuperset(event):
        unknown = next(name for name in event if name not in allowed)
        raise InputError("event_field_unknown", field=_shown(unknown))
    for name in ("external_id", *REQUIRED[kind]):
        if event.get(name) is None:
            raise InputError("event_field_missing", field=name)


def parse_event(event: dict, ctx: ParseContext, zone: ZoneInfo) -> tuple[str, AnyInput]:
    """The kind and the validated input of one event; InputError names the field."""
    kind = event.get("type")
    if not isinstance(kind, str) or kind not in FIELDS:
        raise InputError("event_type_unknown", text=_shown(kind))
    _check_fields(event, kind)
    external_id = event.get("external_id")
    if not isinstance(external_id, str) or not external_id.strip() or len(external_id) > MAX_EXTERNAL_ID:
        raise InputError("event_field_type", field="external_id",
                         expected=f"a non-empty string of at most {MAX_EXTERNAL_ID} characters")
    _unicode(external_id, "external_id")
    occurred_on = event_day(event, ctx, zone)
    description = _string(event, "description", MAX_NOTE)
    channel = _string(event, "channel")
    if kind == "cost":
        currency = _string(event, "currency")
        if currency is not None and currency.upper() != ctx.currency.upper():
            raise InputError("currency_mismatch", found=currency, expected=ctx.currency)
        category, cost_class = category_and_class(
            _string(event, "category") or DEFAULT_COST_CATEGORY, ctx.category_classes)
        return kind, CostInput(
            amount=parse_amount(_number_text(event, "amount"), ctx), category=category,
            cost_class=cost_class, description=description,
            occurred_on=occurred_on, channel=channel, every=every_of(_string(event, "every")),
        )
    if kind == "hours":
        activity_text = _string(event, "activity")
        activity = activity_of(activity_text) if activity_text else "other"
        if activity is None:
            raise InputError("unknown_activity", name=activity_text, valid=ACTIVITIES)
        return kind, HoursInput(hours=parse_duration(_number_text(event, "hours")),
                                activity=activity, description=description,
                                occurred_on=occurred_on, channel=channel)
    if kind == "metric":
        metric = check_metric(_string(event, "metric") or "", ctx)
        cause = _string(event, "cause")
        check_dimension(metric, channel, cause)
        return kind, MetricInput(metric=metric, value=parse_value(_number_text(event, "value"), ctx),
                                 occurred_on=occurred_on, channel=channel,
                                 cause=cause_of(cause) if cause else None, description=description)
    text = _string(event, "text", MAX_NOTE + 1)
    if not text:
        raise InputError("note_empty")
    if len(text) > MAX_NOTE:
        raise InputError("note_too_long", length=len(text), limit=MAX_NOTE)
    note_kind = note_kind_of(_string(event, "kind") or "context")
    if note_kind is None:
        raise InputError("unknown_note_kind", name=event.get("kind"), valid=NOTE_KINDS)
    return kind, NoteInput(text=text, occurred_on=occurred_on, kind=note_kind)


