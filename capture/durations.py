"""Durations as hours: 1.5, 1,5, 1h30, 1h 30m, 90m, 90min, 1:30, 2h, 2 Std."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from capture.errors import InputError

MAX_HOURS = Decimal(24)
HOURS_MINUTES = re.compile(
    r"^(?:(?P<h>\d+(?:[.,]\d+)?)\s*(?:h|std|stunden?|hours?|hrs?))?\s*"
    r"(?:(?P<m>\d+)\s*(?:m|min|minuten?|minutes?|mins?)?)?$", re.IGNORECASE)
CLOCK = re.compile(r"^(?P<h>\d+):(?P<m>[0-5]\d)$")
PLAIN = re.compile(r"^\d+(?:[.,]\d+)?$")
MINUTES_ONLY = re.compile(r"^(?P<m>\d+)\s*(?:m|min|minuten?|minutes?|mins?)$", re.IGNORECASE)


def _hours(text: str) -> Decimal | None:
    compact = text.strip()
    if PLAIN.match(compact):
        return Decimal(compact.replace(",", "."))
    if match := CLOCK.match(compact):
        return Decimal(match["h"]) + Decimal(match["m"]) / 60
    if match := MINUTES_ONLY.match(compact):
        return Decimal(match["m"]) / 60
    match = HOURS_MINUTES.match(compact)
    if match and match["h"]:
        minutes = Decimal(match["m"]) / 60 if match["m"] else Decimal(0)
        return Decimal(match["h"].replace(",", ".")) + minutes
    return None


def parse_duration(text: str) -> Decimal:
    """Hours as Decimal (rounded to 1/100 h); more than 0, at most 24."""
    raw = (text or "").strip()
    if not raw:
        raise InputError("duration_missing")
    try:
        hours = _hours(raw)
    except InvalidOperation:
        hours = None
    if hours is None:
        raise InputError("duration_invalid", text=raw)
    if hours <= 0:
        raise InputError("duration_not_positive")
    if hours > MAX_HOURS:
        raise InputError("duration_too_long", text=raw)
    return hours.quantize(Decimal("0.01")).normalize() if hours % 1 else hours.normalize()
