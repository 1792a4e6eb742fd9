"""Dates in German and English: heute/today, gestern/yesterday, ISO, 20.11., 20.11.2026, -3."""

from __future__ import annotations

import re
from datetime import date, timedelta

from capture.context import ParseContext
from capture.errors import InputError

EARLIEST = date(2000, 1, 1)  # the first day any input may name (a micro-business's history)
MAX_AHEAD = timedelta(days=365)  # the last: a year after today
RELATIVE = {"today": 0, "heute": 0, "yesterday": 1, "gestern": 1, "vorgestern": 2}
ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")
GERMAN = re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.?(?P<y>\d{2}|\d{4})?$")
DAYS_AGO = re.compile(r"^-(?P<n>\d{1,4})$")


def _build(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise InputError("date_not_exist", text=text) from error


def _absolute(raw: str, ctx: ParseContext) -> date | None:
    if match := ISO.match(raw):
        return _build(int(match["y"]), int(match["m"]), int(match["d"]), raw)
    if match := GERMAN.match(raw):
        year = match["y"]
        full_year = ctx.today.year if year is None else int(year) + (2000 if len(year) == 2 else 0)
        return _build(full_year, int(match["m"]), int(match["d"]), raw)
    return None


def parse_date(text: str, ctx: ParseContext) -> date:
    """A date in the workspace's calendar, from 2000-01-01 to a year ahead."""
    raw = (text or "").strip().lower()
    if raw in RELATIVE:
        return ctx.today - timedelta(days=RELATIVE[raw])
    if match := DAYS_AGO.match(raw):
        return check_bounds(ctx.today - timedelta(days=int(match["n"])), ctx, text)
    day = _absolute(raw, ctx)
    if day is None:
        raise InputError("date_invalid", text=text)
    return check_bounds(day, ctx, text)


def check_bounds(day: date, ctx: ParseContext, text: str | None = None) -> date:
    """The day, when it lies between EARLIEST and a year after today (every input path)."""
    if day < EARLIEST:
        raise InputError("date_too_early", text=text or day.isoformat(), earliest=EARLIEST.isoformat())
    if day - ctx.today > MAX_AHEAD:
        raise InputError("date_too_far", text=text or day.isoformat())
    return day
