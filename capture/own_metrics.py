"""The text after `/kpi metric add` and `/kpi questions`, parsed into a definition or three questions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from capture.errors import InputError
from capture.vocabulary import metric_of
from metrics.vocabulary import KPI_KEYS, OWN_AGGREGATIONS, OWN_UNITS

KEY = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
QUOTED = re.compile(r"[\"“”„‚‘’'«»]([^\"“”„‚‘’'«»]*)[\"“”„‚‘’'«»]")
MAX_LABEL = 60
MAX_QUESTION = 300
MAX_OWN_METRICS = 20
RESERVED = frozenset({"costs", "hours", "notes", "cost", "note"})
AGGREGATION_WORDS = {"sum": "sum", "summe": "sum", "level": "level", "stand": "level",
                     "bestand": "level", "median": "median"}
UNIT_WORDS = {"count": "count", "anzahl": "count", "money": "money", "geld": "money",
              "betrag": "money", "percent": "percent", "prozent": "percent",
              "minutes": "minutes", "minuten": "minutes"}
RESET_WORDS = frozenset({"reset", "zurücksetzen", "standard", "default"})


@dataclass(frozen=True)
class OwnMetricDef:
    """A workspace's own metric: recorded under `key`, shown as `label`."""

    key: str
    label: str
    aggregation: str = "sum"  # one of OWN_AGGREGATIONS
    unit: str = "count"  # one of OWN_UNITS


def own_metric(key: str, label: str, aggregation: str = "sum", unit: str = "count") -> OwnMetricDef:
    """A checked definition from its four parts (German words for aggregation and unit too)."""
    checked = checked_key(key)
    if aggregation.lower() not in AGGREGATION_WORDS:
        raise InputError("own_metric_unknown_word", word=aggregation[:40])
    if unit.lower() not in UNIT_WORDS:
        raise InputError("own_metric_unknown_word", word=unit[:40])
    label = label.strip() or checked.replace("_", " ")
    if len(label) > MAX_LABEL:
        raise InputError("text_too_long", field=label[:20] + "…", limit=MAX_LABEL)
    return OwnMetricDef(checked, label, AGGREGATION_WORDS[aggregation.lower()],
                        UNIT_WORDS[unit.lower()])


def checked_key(word: str) -> str:
    """The key of a new own metric: lower case, not a built-in metric, alias or KPI."""
    key = word.lower()
    if not KEY.match(key):
        raise InputError("own_metric_bad_key", key=word[:40])
    if key in RESERVED or key in KPI_KEYS or metric_of(key) is not None:
        raise InputError("own_metric_taken", key=key)
    return key


def parse_metric_definition(text: str) -> OwnMetricDef:
    """`KEY "Label" [sum|level|median] [money|count|percent|minutes]` (German words too)."""
    text = (text or "").strip()
    quoted = QUOTED.search(text)
    label = quoted[1].strip() if quoted else None
    rest = (text[:quoted.start()] + " " + text[quoted.end():]) if quoted else text
    words = rest.split()
    if not words:
        raise InputError("own_metric_usage")
    aggregation, unit = OWN_AGGREGATIONS[0], OWN_UNITS[0]
    for word in words[1:]:
        if word.lower() in AGGREGATION_WORDS:
            aggregation = word
        elif word.lower() in UNIT_WORDS:
            unit = word
        else:
            raise InputError("own_metric_unknown_word", word=word[:40])
    return own_metric(words[0], label or "", aggregation, unit)


def parse_questions(text: str) -> tuple[str, str, str] | None:
    """`Q1 | Q2 | Q3`: three questions; `reset`: None (the defaults)."""
    text = (text or "").strip()
    if text.lower() in RESET_WORDS:
        return None
    parts = [part.strip() for part in text.split("|")]
    if len(parts) != 3 or not all(parts):
        raise InputError("questions_not_three", count=len([p for p in parts if p]))
    for part in parts:
        if len(part) > MAX_QUESTION:
            raise InputError("text_too_long", field=part[:20] + "…", limit=MAX_QUESTION)
    return parts[0], parts[1], parts[2]
