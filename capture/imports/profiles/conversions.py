"""PayPal's currency conversions: a payment in another currency is followed by conversion rows,
one per currency, that name it as their related transaction. The leg in the workspace's
currency is the converted amount of the payment: the payment is stored in that currency (its
gross, fee and tax at the rate the legs give), and the conversion rows are skipped as
`conversion`. A payment in another currency that no leg converts stays skipped as `currency`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from capture.imports.profile import Verdict
from capture.imports.records import ZERO, ImportContext, Record

CENT = Decimal("0.01")
CONVERSION_WORDS = ("währungsumrechnung", "currency conversion")


@dataclass(frozen=True, slots=True)
class Item:
    """One row's verdict, with the transaction it relates to and whether it is a conversion."""

    line: int
    verdict: Verdict
    related: str
    conversion: bool


def is_conversion(kind_text: str) -> bool:
    return any(word in kind_text.lower() for word in CONVERSION_WORDS)


def _home_legs(items: list[Item], currency: str) -> dict[str, list[int]]:
    """The conversion rows in the workspace's currency, by the transaction they convert."""
    legs: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        record = item.verdict
        if item.conversion and item.related and isinstance(record, Record) \
                and record.currency == currency:
            legs.setdefault(item.related, []).append(index)
    return legs


def converted(record: Record, home: Decimal, currency: str) -> Record | None:
    """The record in the workspace's currency, when `home` converts its net amount."""
    net = record.amount - record.fee
    if net == 0 or home == 0 or (net > 0) != (home > 0):
        return None
    rate = home / net
    amount = (record.amount * rate).quantize(CENT)
    return replace(record, amount=amount, fee=amount - home,
                   tax=(record.tax * rate).quantize(CENT), currency=currency)


def with_conversions(items: list[Item], ctx: ImportContext) -> Iterator[tuple[int, Verdict]]:
    """The rows' verdicts, payments in another currency converted by their legs."""
    legs = _home_legs(items, ctx.currency)
    done: set[str] = set()
    verdicts: list[Verdict] = [item.verdict for item in items]
    for index, item in enumerate(items):
        record = item.verdict
        if item.conversion or not isinstance(record, Record) or record.currency == ctx.currency:
            continue
        indices = legs.get(record.source_id or "", [])
        home = sum((items[i].verdict.amount for i in indices), ZERO)
        result = converted(record, home, ctx.currency) if indices else None
        if result is not None:
            verdicts[index] = result
            done.add(record.source_id)
    for index, item in enumerate(items):
        if item.conversion and item.related in done:
            verdicts[index] = "conversion"
        yield item.line, verdicts[index]
