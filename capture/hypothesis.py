"""The experiment in a hypothesis note: `kpi:KEY up|down [N%] [since:DATE]`, in German or English."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from difflib import get_close_matches

from capture.context import ParseContext
from capture.dates import parse_date
from capture.errors import InputError
from capture.numbers import normalise_number
from capture.tokens import OPTION, OPTION_ALIASES
from metrics.experiments import EXPERIMENT_KPIS
from metrics.vocabulary import KPI_KEYS

KPI_OPTIONS = frozenset({"kpi", "kennzahl"})
SINCE_OPTIONS = frozenset({"since", "seit"})
NOTE_OPTIONS = frozenset({"date", "kind"})  # the note's own options, also left out of the claim
DIRECTIONS = {
    "up": "up", "rauf": "up", "hoch": "up", "steigt": "up", "steigen": "up", "höher": "up",
    "rises": "up", "increases": "up", "higher": "up", "↑": "up",
    "down": "down", "runter": "down", "sinkt": "down", "sinken": "down", "fällt": "down",
    "niedriger": "down", "falls": "down", "decreases": "down", "lower": "down", "↓": "down",
}
FILLERS = frozenset({"by", "um"})
PERCENT_WORDS = frozenset({"%", "prozent", "percent"})
KPI_ALIASES = {
    "aov": "average_order_value", "warenkorb": "average_order_value",
    "bestellwert": "average_order_value", "umsatz": "revenue", "fehlerquote": "error_rate_per_100",
    "wiederkaufrate": "repurchase_rate_pct", "repurchase_rate": "repurchase_rate_pct",
    "retention_m1": "retention_m1_pct", "month1_retention": "retention_m1_pct",
    "kohorte_m1": "retention_m1_pct", "wiederkauf_m1": "retention_m1_pct",
}
SIZE = re.compile(r"^(?P<sign>[+\-−]?)(?P<number>\d[\d.,]*)(?P<percent>%?)$")
TRAILING = ",.;:!?)"
MAX_UP_PCT = Decimal(1000)
MAX_DOWN_PCT = Decimal(100)
EXAMPLE = "kpi:average_order_value up 5% since:2026-09-07"


@dataclass(frozen=True)
class Experiment:
    """What a hypothesis claims about a KPI; `since` None means the note's own date."""

    kpi: str
    direction: str
    expected_effect_pct: Decimal | None
    since: date | None
    claim: str


def kpi_of(name: str) -> str:
    """The KPI key an experiment may name (weekly KPIs and average_order_value)."""
    key = KPI_ALIASES.get(name.lower(), name.lower())
    if key in EXPERIMENT_KPIS:
        return key
    if key in KPI_KEYS:
        raise InputError("hypothesis_kpi_not_weekly", name=name, example=EXAMPLE)
    close = get_close_matches(key, list(EXPERIMENT_KPIS) + list(KPI_ALIASES), n=1, cutoff=0.6)
    suggestion = KPI_ALIASES.get(close[0], close[0]) if close else None
    raise InputError("hypothesis_unknown_kpi", name=name, suggestion=suggestion, example=EXAMPLE)


def _option(word: str) -> tuple[str, str] | None:
    """(kind, value) for an experiment or note option; None for a plain word."""
    match = OPTION.match(word)
    if not match:
        return None
    key = match["key"].lower()
    kind = ("kpi" if key in KPI_OPTIONS else "since" if key in SINCE_OPTIONS
            else OPTION_ALIASES.get(key))
    return (kind, match["value"]) if kind in ("kpi", "since", *NOTE_OPTIONS) else None


def _direction(words: list[str], at: int) -> str:
    """The direction word right after `kpi:KEY`."""
    if at >= len(words) or _option(words[at]):
        raise InputError("hypothesis_direction_missing", example=EXAMPLE)
    word = words[at].lower().rstrip(TRAILING) or words[at]
    if word not in DIRECTIONS:
        raise InputError("hypothesis_unknown_direction", text=words[at], example=EXAMPLE)
    return DIRECTIONS[word]


def _size(words: list[str], at: int, direction: str, ctx: ParseContext) -> tuple[Decimal | None, int]:
    """The optional size after the direction ("5%", "5 %", "um 5,5 Prozent") and the next index."""
    start = at + 1 if at < len(words) and words[at].lower() in FILLERS else at
    match = SIZE.match(words[start].rstrip(TRAILING)) if start < len(words) else None
    if match is None:
        return None, at
    end = start + 1
    if not match["percent"]:
        if end >= len(words) or words[end].lower().rstrip(TRAILING) not in PERCENT_WORDS:
            raise InputError("hypothesis_size_invalid", text=words[start], example=EXAMPLE)
        end += 1
    try:
        size = Decimal(normalise_number(match["number"], ctx.lang))
    except (ValueError, InvalidOperation) as error:
        raise InputError("hypothesis_size_invalid", text=words[start], example=EXAMPLE) from error
    sign = match["sign"]
    wrong_sign = sign == "+" if direction == "down" else sign in ("-", "−")
    in_range = size <= MAX_UP_PCT if direction == "up" else size < MAX_DOWN_PCT
    if wrong_sign or size <= 0 or not in_range:
        raise InputError("hypothesis_size_invalid", text=" ".join(words[start:end]), example=EXAMPLE)
    return size, end


def parse_hypothesis(text: str, ctx: ParseContext) -> Experiment | None:
    """The experiment a hypothesis text names, or None when it has no `kpi:` option."""
    words = (text or "").split()
    if not any((_option(word) or ("",))[0] == "kpi" for word in words):
        return None
    claim: list[str] = []
    found: dict[str, object] = {}
    at = 0
    while at < len(words):
        option = _option(words[at])
        at += 1
        if option is None:
            claim.append(words[at - 1])
            continue
        kind, value = option
        if kind in found:
            raise InputError("hypothesis_option_twice", key=words[at - 1].split(":")[0],
                             example=EXAMPLE)
        if kind == "kpi":
            found["kpi"] = kpi_of(value.rstrip(TRAILING))
            found["direction"] = _direction(words, at)
            found["size"], at = _size(words, at + 1, str(found["direction"]), ctx)
        elif kind == "since":
            found["since"] = parse_date(value.rstrip(TRAILING), ctx)
        else:
            found[kind] = value
    size = found.get("size")
    since = found.get("since")
    return Experiment(kpi=str(found["kpi"]), direction=str(found["direction"]),
                      expected_effect_pct=size if isinstance(size, Decimal) else None,
                      since=since if isinstance(since, date) else None,
                      claim=" ".join(claim).strip())
