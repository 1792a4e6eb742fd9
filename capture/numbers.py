"""Amounts and values in German and English notation, as Decimal."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from capture.context import ParseContext
from capture.errors import InputError

MAX_AMOUNT = Decimal(10_000_000)
MAX_VALUE = Decimal(1_000_000_000)
SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "fr.": "CHF"}
CURRENCY = re.compile(r"^(?P<pre>[€$£¥]|[A-Za-z]{3}(?=[\s\d]))?\s*(?P<num>[-+]?[\d.,'\s]+?)"
                      r"\s*(?P<post>[€$£¥]|[A-Za-z]{3})?$")
DASH_CENTS = re.compile(r"[,.]-{1,2}$")
# A number that means the same in every notation (no sign, grouping, currency or 3-digit
# fraction): taken as it is, the common case of automations, without the parsing below.
PLAIN = re.compile(r"\d{1,15}(?:\.(?:\d{1,2}|\d{4,12}))?")


def _grouped(digits: str, separator: str) -> bool:
    return re.fullmatch(rf"\d{{1,3}}(?:{re.escape(separator)}\d{{3}})+", digits) is not None


def normalise_number(text: str, lang: str) -> str:
    """A German or English number as a plain '1234.56' string; ValueError when it is none."""
    number = DASH_CENTS.sub("", text.strip())
    number = number.replace("\u00a0", "").replace("\u202f", "").replace("'", "").replace(" ", "")
    sign = ""
    if number[:1] in "+-":
        sign, number = ("-" if number[0] == "-" else ""), number[1:]
    if not number or not re.fullmatch(r"[\d.,]+", number) or not number[0].isdigit():
        raise ValueError(text)
    commas, dots = number.count(","), number.count(".")
    if commas and dots:
        decimal_sep = "," if number.rfind(",") > number.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        whole, _, fraction = number.rpartition(decimal_sep)
        if number.count(decimal_sep) != 1 or not fraction or not _grouped(whole, group_sep):
            raise ValueError(text)
        return f"{sign}{whole.replace(group_sep, '')}.{fraction}"
    separator = "," if commas else "." if dots else ""
    if not separator:
        return sign + number
    count = commas or dots
    if count > 1:
        if not _grouped(number, separator):
            raise ValueError(text)
        return sign + number.replace(separator, "")
    whole, fraction = number.split(separator)
    if not fraction:
        raise ValueError(text)
    if len(fraction) == 3 and whole != "0":
        grouping = (separator == ",") == (lang == "en")
        return sign + (whole + fraction if grouping else f"{whole}.{fraction}")
    return f"{sign}{whole}.{fraction}"


def split_currency(text: str) -> tuple[str, str | None]:
    """The number part and the currency code written with it (if any)."""
    match = CURRENCY.match(text.strip())
    if not match:
        return text.strip(), None
    marker = match.group("pre") or match.group("post")
    code = SYMBOLS.get(marker.lower() if marker else "", marker.upper() if marker else None)
    return match.group("num").strip(), code


def _decimal(text: str, lang: str) -> Decimal:
    value = Decimal(normalise_number(text, lang))
    if not value.is_finite():
        raise InvalidOperation(text)
    return value


def _number(text: str, ctx: ParseContext, kind: str) -> tuple[Decimal, str]:
    """A number in the workspace's currency (if one is written); kind names the error codes."""
    raw = (text or "").strip()
    if not raw:
        raise InputError(f"{kind}_missing")
    if PLAIN.fullmatch(raw):
        return Decimal(raw), raw
    number, code = split_currency(raw)
    if code is not None and code != ctx.currency.upper():
        raise InputError("currency_mismatch", found=code, expected=ctx.currency)
    try:
        return _decimal(number, ctx.lang), raw
    except (ValueError, InvalidOperation) as error:
        raise InputError(f"{kind}_invalid", text=raw) from error


def parse_amount(text: str, ctx: ParseContext) -> Decimal:
    """Money: more than 0, at most 10 million, in the workspace's currency."""
    value, raw = _number(text, ctx, "amount")
    if value <= 0:
        raise InputError("amount_not_positive", text=raw)
    if value > MAX_AMOUNT:
        raise InputError("amount_too_large", text=raw)
    return value


def parse_value(text: str, ctx: ParseContext) -> Decimal:
    """A recorded value: 0 or more, at most a billion."""
    value, raw = _number(text, ctx, "value")
    if value < 0:
        raise InputError("value_negative", text=raw)
    if value > MAX_VALUE:
        raise InputError("value_too_large", text=raw)
    return value


def plain_number(value: Decimal | None) -> str:
    """A Decimal without trailing zeros and without exponent ('45', '12.5'); '' when None."""
    return "" if value is None else format(value.normalize(), "f")
