"""Parsed, validated entries: what gets stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class CostInput:
    amount: Decimal
    category: str
    cost_class: str
    description: str | None
    occurred_on: date
    channel: str | None = None
    every: str | None = None


@dataclass(frozen=True)
class HoursInput:
    hours: Decimal
    activity: str
    description: str | None
    occurred_on: date
    channel: str | None = None


@dataclass(frozen=True)
class MetricInput:
    metric: str
    value: Decimal
    occurred_on: date
    channel: str | None = None
    cause: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class NoteInput:
    text: str
    occurred_on: date
    kind: str = "context"


AnyInput = CostInput | HoursInput | MetricInput | NoteInput
