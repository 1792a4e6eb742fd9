"""What a profile makes of an export: records, skipped rows, row problems and refusals."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, tzinfo
from decimal import Decimal

ZERO = Decimal(0)
FAMILIES = ("shop", "processor", "bank")
# sale: a paid order or charge; refund: money given back for one; fee: a processor's own fee row;
# transfer: payouts, top-ups and bank lines from or to a processor; money_in / money_out: other
# bank or wallet lines (rules decide what they are); other: stored, counted nowhere.
KINDS = ("sale", "refund", "fee", "transfer", "money_in", "money_out", "other")


@dataclass(slots=True)
class Record:
    """One money movement as an export states it; `amount` is signed (money in is positive).

    `fee` is a processor fee as a cost (positive when charged, negative when given back);
    `tax` is the tax inside `amount`; `customer` (an e-mail or a customer id) is hashed before
    anything is stored. `mutable`: the source changes this row later (keyed by order).
    Not frozen (a frozen dataclass is built several times slower); nothing changes one.
    """

    line: int
    occurred_on: date
    kind: str
    amount: Decimal
    currency: str
    source_id: str | None = None
    fee: Decimal = ZERO
    tax: Decimal = ZERO
    counterparty: str = ""
    purpose: str = ""
    order_id: str | None = None
    customer: str | None = None
    account: str = ""
    mutable: bool = False


@dataclass(frozen=True)
class RowProblem:
    """A row that could not be read: its line, a code and the values the text shows."""

    line: int
    code: str
    params: dict = field(default_factory=dict)


class ImportRefused(ValueError):
    """The file as a whole cannot be read (a code and its parameters); nothing is stored."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class RowError(ValueError):
    """A cell of one row is not what its profile expects."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class ImportContext:
    """The workspace's timezone (dates of timestamps) and currency (other currencies skip)."""

    timezone: tzinfo
    currency: str


@dataclass
class Parsed:
    """A read export: its profile, the keyed records, what was skipped and why, row problems."""

    source: str
    family: str
    rows: int = 0
    records: list[tuple[str, Record]] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    errors: list[RowProblem] = field(default_factory=list)
    skipped_currency: str | None = None  # a currency other than the workspace's, when seen
