"""The day of an ingested event, in the forms automations send it.

`occurred_on` and `occurred_at` each take a day (`2026-12-04`, `04.12.2026`), a moment with an
offset (`2026-12-04T14:33:00+01:00`, `2026-11-20T09:00:00Z`) or a Unix time in seconds or
milliseconds (a number, or a string of digits); a moment counts on its date in the workspace's
timezone. An event without either is dated today there. Days before 2000 or more than a year
ahead are refused.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from capture.context import ParseContext
from capture.dates import check_bounds
from capture.errors import InputError

DATE_FIELDS = ("occurred_on", "occurred_at")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
GERMAN_DATE = re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})$")
UNIX_TEXT = re.compile(r"^\d{1,13}(\.\d{1,6})?$")
# A Unix time this large counts milliseconds: as seconds it would be the year 5138.
MILLISECONDS_FROM = 10**11
MAX_TEXT = 64


def _day(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise InputError("date_not_exist", text=text) from error


def _unix_day(seconds: float, text: str, zone: ZoneInfo) -> date:
    if not math.isfinite(seconds):
        raise InputError("date_invalid", text=text)
    if abs(seconds) >= MILLISECONDS_FROM:
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, UTC).astimezone(zone).date()
    except (OverflowError, ValueError, OSError) as error:
        raise InputError("date_invalid", text=text) from error


@lru_cache(maxsize=4096)
def _text_day(field: str, text: str, zone: ZoneInfo) -> date:
    """The day a text names (parsed once per text: a batch's events share a few days)."""
    if ISO_DATE.match(text):
        return _day(int(text[:4]), int(text[5:7]), int(text[8:]), text)
    if match := GERMAN_DATE.match(text):
        return _day(int(match["y"]), int(match["m"]), int(match["d"]), text)
    if UNIX_TEXT.match(text):
        return _unix_day(float(text), text, zone)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise InputError("event_date_invalid", field=field, text=text) from error
    if moment.tzinfo is None:
        raise InputError("event_time_without_offset", field=field, text=text)
    try:
        return moment.astimezone(zone).date()
    except (OverflowError, ValueError) as error:
        raise InputError("date_invalid", text=text) from error


def _value_day(field: str, value: object, zone: ZoneInfo) -> date:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError("event_date_invalid", field=field, text=type(value).__name__)
    if not isinstance(value, str):
        return _unix_day(float(value), str(value), zone)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate: JSON allows it, UTF-8 does not
        raise InputError("event_field_type", field=field, expected="valid Unicode text") from error
    text = value.strip()
    if len(text) > MAX_TEXT or not text.isprintable():
        raise InputError("event_date_invalid", field=field, text=text[:MAX_TEXT])
    return _text_day(field, text, zone)


def event_day(event: dict, ctx: ParseContext, zone: ZoneInfo) -> date:
    """The workspace-calendar day an event happened on; today when it names none."""
    field = next((name for name in DATE_FIELDS if event.get(name) is not None), None)
    day = ctx.today if field is None else _value_day(field, event[field], zone)
    return check_bounds(day, ctx)
