"""Customers from orders: 100,000 orders of 20,000 customers → derived inputs and cohorts.

    .venv/bin/python -m bench.cohort_bench [ORDERS] [CUSTOMERS] [--database]
Prints the time of the derived weekly inputs and of the cohorts (best and median of 7 runs,
computed from the order rows in memory); with --database also the time to read those rows
from an imported WooCommerce export in a temporary SQLite database (what `load_inputs` adds).
Target: derived inputs and cohorts together ≤ 300 ms.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

from metrics.cohorts import build_cohorts
from metrics.customers import day_number, derived_inputs
from metrics.orders import Orders

START = date(2024, 1, 1)
DAYS = 730
RUNS = 7


def orders(count: int, customers: int, seed: int = 7) -> Orders:
    """`count` orders over two years; customers come back with a skewed frequency; 2 % of the
    orders name no customer and 3 % are refunds."""
    chance = np.random.default_rng(seed)
    who = np.minimum(chance.zipf(1.3, count), customers) - 1
    who = (who + chance.integers(0, customers, count)) % customers
    days = day_number(START) + chance.integers(0, DAYS, count)
    cents = chance.integers(500, 20_000, count)
    refund = chance.random(count) < 0.03
    who[chance.random(count) < 0.02] = -1
    return Orders.build(days, who, ~refund, np.where(refund, -cents // 2, cents))


def timed(work) -> tuple[float, float]:
    """Best and median milliseconds of RUNS runs."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def woocommerce_file(rows: Orders) -> bytes:
    lines = ["order_id,order_date,status,order_total,tax_total,customer_email"]
    for number, (day, who, sale, cents) in enumerate(zip(rows.day, rows.customer, rows.sale,
                                                         rows.cents, strict=True)):
        if sale:
            email = f"Kunde{who}@Example.com" if who >= 0 else ""
            when = START + timedelta(days=int(day) - day_number(START))
            lines.append(f"{number},{when} 10:00:00,completed,{cents / 100:.2f},0.00,{email}")
    return ("\n".join(lines) + "\n").encode()


def database_read(rows: Orders) -> str:
    """Import the sales as a WooCommerce export and time reading them back."""
    from ritual.deps import Deps
    from ritual.file_import import ImportRequest, import_file
    from storage.customer_orders import load_orders
    from storage.db import Database
    from storage.imported_rows import families

    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        db.upgrade()
        deps = Deps(db=db, clock=lambda: datetime(2026, 1, 5, tzinfo=UTC))
        import_file(deps, ImportRequest("TBENCH", woocommerce_file(rows), "orders.csv"))
        with db.reader() as session:
            present = families(session, "TBENCH")  # load_inputs asks this once anyway
            best, median = timed(lambda: load_orders(session, "TBENCH", present))
        db.engine.dispose()
    return f"read from SQLite: best {best:.0f} ms, median {median:.0f} ms"


def main(argv: list[str]) -> int:
    numbers = [int(arg) for arg in argv if arg.isdigit()]
    count, customers = (numbers + [100_000, 20_000][len(numbers):])[:2]
    rows = orders(count, customers)
    as_of = START + timedelta(days=DAYS)
    derived = timed(lambda: derived_inputs(rows))
    cohorts = timed(lambda: build_cohorts(rows, as_of))
    both = timed(lambda: (derived_inputs(rows), build_cohorts(rows, as_of)))
    print(f"{count:,} orders of {customers:,} customers over {DAYS} days")
    print(f"derived weekly inputs: best {derived[0]:.0f} ms, median {derived[1]:.0f} ms")
    print(f"cohorts:               best {cohorts[0]:.0f} ms, median {cohorts[1]:.0f} ms")
    print(f"both (target ≤ 300 ms): best {both[0]:.0f} ms, median {both[1]:.0f} ms")
    if "--database" in argv:
        print(database_read(rows))
    return 0 if both[1] <= 300 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
