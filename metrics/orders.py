"""The orders of a workspace as arrays: what customers and cohorts are computed from."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NO_CUSTOMER = -1  # the customer code of an order that names no customer


@dataclass(frozen=True)
class Orders:
    """Sales and refunds of one workspace: `day` (days since 1970-01-01, local dates),
    `customer` (a code per customer key, -1 for none), `sale` (False: a refund), `cents`
    (net of tax; refunds negative). `last_day`: the last day the rows cover."""

    day: np.ndarray
    customer: np.ndarray
    sale: np.ndarray
    cents: np.ndarray

    @classmethod
    def build(cls, days, customers, sales, cents) -> Orders:
        return cls(np.asarray(days, dtype=np.int64), np.asarray(customers, dtype=np.int64),
                   np.asarray(sales, dtype=bool), np.asarray(cents, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.day)

    @property
    def last_day(self) -> int:
        return int(self.day.max())

    def sales_with_customer(self) -> tuple[np.ndarray, np.ndarray]:
        """(days, customers) of the sales that name a customer."""
        keep = self.sale & (self.customer != NO_CUSTOMER)
        return self.day[keep], self.customer[keep]

    def without_customer(self) -> int:
        """How many sales name no customer (orders, but no customers)."""
        return int((self.sale & (self.customer == NO_CUSTOMER)).sum())
