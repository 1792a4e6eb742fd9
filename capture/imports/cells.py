"""Cells of exports: amounts with a fixed decimal mark, dates with a fixed order, names."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from capture.imports.records import ZERO, RowError

_CURRENCY_SIGNS = re.compile(r"[€$£\s\u00a0]|EUR|USD|GBP|CHF", re.IGNORECASE)
_PLAIN_NUMBER = re.compile(r"-?[\d.,]+")
LIMIT = Decimal(10) ** 12


def money(text: str, decimal_mark: str, *, blank: Decimal | None = None) -> Decimal:
    """An amount written with `decimal_mark` ("," or "."); the other mark groups thousands."""
    cleaned = text if _PLAIN_NUMBER.fullmatch(text or "") else _CURRENCY_SIGNS.sub("", text or "")
    if not cleaned:
        if blank is not None:
            return blank
        raise RowError("import_amount_missing")
    grouping = "." if decimal_mark == "," else ","
    cleaned = cleaned.replace(grouping, "").replace(decimal_mark, ".")
    if cleaned.endswith("-"):  # "12,50-" as some banks write debits
        cleaned = "-" + cleaned[:-1]
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise RowError("import_amount_invalid", text=text) from None
    if not value.is_finite() or abs(value) >= LIMIT:
        raise RowError("import_amount_invalid", text=text)
    return value


def fee_or_zero(text: str, decimal_mark: str) -> Decimal:
    """An optional amount (fees, taxes): blank is zero."""
    return money(text, decimal_mark, blank=ZERO)


def day(text: str, *formats: str) -> date:
    """A calendar date in one of the profile's fixed formats (never guessed per row)."""
    return _day((text or "").strip(), formats)


@lru_cache(maxsize=4096)
def _day(value: str, formats: tuple[str, ...]) -> date:
    """`day`, once per distinct cell: a bank export repeats each date many times."""
    for form in formats:
        try:
            return datetime.strptime(value, form).date()
        except ValueError:
            continue
    raise RowError("import_date_invalid", text=value)


def local_day(text: str, zone: tzinfo, *formats: str, naive_zone: tzinfo = UTC) -> date:
    """The workspace's date of a timestamp (naive ones are in `naive_zone`, UTC by default)."""
    value = (text or "").strip()
    for form in formats:
        try:
            moment = datetime.strptime(value, form)
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=naive_zone)
        return moment.astimezone(zone).date()
    raise RowError("import_date_invalid", text=text)


def plain(text: str | None) -> str:
    """A name or purpose with its blanks collapsed."""
    return " ".join((text or "").split())
