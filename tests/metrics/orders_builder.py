"""Building metrics Orders in tests from (day, customer or None, cents) rows; negative cents
are refunds."""

from __future__ import annotations

from datetime import date

from metrics.customers import day_number
from metrics.orders import Orders


def make_orders(rows: list[tuple[date, str | None, int]]) -> Orders:
    names: dict[str, int] = {}
    codes = [-1 if who is None else names.setdefault(who, len(names)) for _, who, _ in rows]
    return Orders.build([day_number(day) for day, _, _ in rows], codes,
                        [cents > 0 for _, _, cents in rows], [cents for _, _, cents in rows])
