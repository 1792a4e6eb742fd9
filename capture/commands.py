"""The text after /cost, /hours, /note and /kpi record, parsed into validated inputs."""

from __future__ import annotations

import re
from difflib import get_close_matches

from babel.numbers import list_currencies

from capture.context import ParseContext
from capture.dates import parse_date
from capture.durations import parse_duration
from capture.errors import InputError
from capture.inputs import CostInput, HoursInput, MetricInput, NoteInput
from capture.numbers import SYMBOLS, parse_amount, parse_value
from capture.tokens import Tokens, tokenize
from capture.vocabulary import (
    METRIC_ALIASES,
    activity_of,
    category_and_class,
    cause_of,
    metric_of,
    note_kind_of,
)
from metrics.vocabulary import (
    CAUSE_METRICS,
    DEFAULT_COST_CATEGORY,
    NOTE_KINDS,
    RECORDED_METRICS,
)

MAX_NOTE = 3000
MAX_WORD = 64
EVERY = {"month": "month", "monat": "month", "monthly": "month", "monatlich": "month",
         "year": "year", "jahr": "year", "yearly": "year", "jährlich": "year"}
DURATION_UNIT = re.compile(r"^(?:\d+\s*(?:m|min|mins?|minuten?|minutes?)|h|std|stunden?|hours?"
                           r"|min|mins?|minuten?|minutes?)$", re.IGNORECASE)
CURRENCIES = frozenset(list_currencies())


def _is_currency(word: str, ctx: ParseContext) -> bool:
    return word in SYMBOLS or (word.upper() in CURRENCIES and (
        word.isupper() or word.upper() == ctx.currency.upper()))


def _take_amount(words: list[str], ctx: ParseContext) -> tuple[str, list[str]]:
    if not words:
        return "", []
    if len(words) > 1 and _is_currency(words[0], ctx):
        return f"{words[0]} {words[1]}", words[2:]
    if len(words) > 1 and _is_currency(words[1], ctx):
        return f"{words[0]} {words[1]}", words[2:]
    return words[0], words[1:]


def _date(tokens: Tokens, ctx: ParseContext):
    return parse_date(tokens.options["date"], ctx) if "date" in tokens.options else ctx.today


def _word(value: str | None) -> str | None:
    value = (value or "").strip()
    if len(value) > MAX_WORD:
        raise InputError("text_too_long", field=value[:20] + "…", limit=MAX_WORD)
    return value or None


def _description(words: list[str]) -> str | None:
    text = " ".join(words).strip()
    if len(text) > MAX_NOTE:
        raise InputError("text_too_long", field="description", limit=MAX_NOTE)
    return text or None


def every_of(value: str | None) -> str | None:
    if value is None:
        return None
    every = EVERY.get(value.strip().lower())
    if every is None:
        raise InputError("every_invalid", text=value)
    return every


def parse_cost_command(text: str, ctx: ParseContext) -> CostInput:
    """`<amount> [category] [description…] [date:…] [channel:…] [every:month|year]`"""
    tokens = tokenize(text, "cost")
    amount_text, rest = _take_amount(tokens.words, ctx)
    amount = parse_amount(amount_text, ctx)
    category, cost_class = category_and_class(
        _word(rest[0].lower() if rest else None) or DEFAULT_COST_CATEGORY, ctx.category_classes)
    return CostInput(
        amount=amount, category=category, cost_class=cost_class,
        description=_description(rest[1:]), occurred_on=_date(tokens, ctx),
        channel=_word(tokens.options.get("channel")), every=every_of(tokens.options.get("every")),
    )


def parse_hours_command(text: str, ctx: ParseContext) -> HoursInput:
    """`<duration> [activity] [description…] [date:…] [channel:…]`"""
    tokens = tokenize(text, "hours")
    words = tokens.words
    if len(words) > 1 and DURATION_UNIT.match(words[1]):
        duration, rest = f"{words[0]} {words[1]}", words[2:]
    else:
        duration, rest = (words[0] if words else ""), words[1:]
    hours = parse_duration(duration)
    activity = activity_of(rest[0]) if rest else None
    if activity is not None:
        rest = rest[1:]
    return HoursInput(hours=hours, activity=activity or "other", description=_description(rest),
                      occurred_on=_date(tokens, ctx),
                      channel=_word(tokens.options.get("channel")))


def parse_note_command(text: str, ctx: ParseContext) -> NoteInput:
    """`<text> [date:…] [kind:context|value|blocker|hypothesis|decision]`"""
    tokens = tokenize(text, "note", strict=False)
    body = " ".join(tokens.words).strip()
    if not body:
        raise InputError("note_empty")
    if len(body) > MAX_NOTE:
        raise InputError("note_too_long", length=len(body), limit=MAX_NOTE)
    kind = "context"
    if "kind" in tokens.options:
        kind = note_kind_of(tokens.options["kind"])
        if kind is None:
            raise InputError("unknown_note_kind", name=tokens.options["kind"],
                             valid=NOTE_KINDS)
    if kind == "hypothesis":
        from capture.hypothesis import parse_hypothesis  # loads pandas; only hypotheses need it

        parse_hypothesis(body, ctx)  # a named KPI, direction and size must make sense
    return NoteInput(text=body, occurred_on=_date(tokens, ctx), kind=kind)


def suggest_metric(name: str) -> str | None:
    candidates = list(RECORDED_METRICS) + list(METRIC_ALIASES)
    close = get_close_matches(name.lower(), candidates, n=1, cutoff=0.5)
    return metric_of(close[0]) if close else None


def check_metric(name: str, ctx: ParseContext | None = None) -> str:
    """The built-in metric the word names, or one of the workspace's own metrics."""
    metric = metric_of(name)
    if metric is None and ctx is not None and name.lower() in ctx.own_metrics:
        metric = name.lower()
    if metric is None:
        raise InputError("unknown_metric", name=name, suggestion=suggest_metric(name))
    return metric


def check_dimension(metric: str, channel: str | None, cause: str | None) -> None:
    if cause is not None and metric not in CAUSE_METRICS:
        raise InputError("cause_only_errors")
    if channel is not None and metric in CAUSE_METRICS:
        raise InputError("channel_not_for_errors")


def parse_record_command(text: str, ctx: ParseContext) -> MetricInput:
    """`<metric> <value> [channel:…|cause:…] [date:…]` (the text after `/kpi record`)"""
    tokens = tokenize(text, "record")
    if not tokens.words:
        raise InputError("unknown_metric", name="", suggestion="orders")
    metric = check_metric(tokens.words[0], ctx)
    value = parse_value(" ".join(tokens.words[1:2]), ctx)
    channel = _word(tokens.options.get("channel"))
    cause = _word(tokens.options.get("cause"))
    check_dimension(metric, channel, cause)
    return MetricInput(metric=metric, value=value, occurred_on=_date(tokens, ctx),
                       channel=channel, cause=cause_of(cause) if cause else None,
                       description=_description(tokens.words[2:]))

