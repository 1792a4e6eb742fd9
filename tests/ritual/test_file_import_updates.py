"""Exports whose rows change later are updated in place, keyed by payment or order: Stripe's
payments export (a refund appears on the charge) and WooCommerce's Analytics report (a refund
row arrives later); the same file again stores nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from ritual.deps import Deps
from ritual.file_import import ImportRequest, ImportSummary, import_file
from storage.db import Database
from storage.import_tables import ImportedRow
from tests.clock import MovableClock

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"

STRIPE_FIRST = "ch_3QaA1,Order 2001,Payment complete.,2026-03-02 09:14:07,49.00,0.00,"
STRIPE_LATER = "ch_3QaA1,Order 2001,Payment complete.,2026-03-02 09:14:07,49.00,10.00,"


@pytest.fixture
def deps(database_url):
    db = Database(database_url)
    yield Deps(db=db, clock=MovableClock(datetime(2026, 3, 23, 9, 0, tzinfo=UTC)))
    db.dispose()


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def run(deps: Deps, data: bytes) -> ImportSummary:
    outcome = import_file(deps, ImportRequest(team_id="T1", data=data))
    assert isinstance(outcome, ImportSummary), outcome
    return outcome


def amounts(deps: Deps, source: str) -> dict[str, Decimal]:
    with deps.db.reader() as session:
        return dict(session.execute(select(ImportedRow.key, ImportedRow.amount).where(
            ImportedRow.source == source)).all())


def test_a_stripe_payment_refunded_later_gets_its_refund_and_a_changed_refund_is_updated(deps):
    first = run(deps, fixture("stripe_payments.csv"))
    later_data = (fixture("stripe_payments.csv")
                  .replace(STRIPE_FIRST.encode(), STRIPE_LATER.encode())
                  .replace(b"0.00,eur,49.00,0.00,0.99", b"0.00,eur,49.00,10.00,0.99")
                  .replace(b"120.00,20.00,eur,120.00,20.00", b"120.00,30.00,eur,120.00,30.00"))

    later = run(deps, later_data)
    again = run(deps, later_data)

    assert (first.new, first.updated) == (4, 0)
    assert (later.new, later.updated, later.duplicate) == (1, 1, 3)
    assert (again.new, again.updated, again.import_id) == (0, 0, None)
    stored = amounts(deps, "stripe")
    assert stored["id:payment:ch_3QaA1:refund"] == Decimal("-10.00")
    assert stored["id:payment:ch_3QaA2:refund"] == Decimal("-30.00")
    assert first.weeks["2026-W10"].revenue == Decimal("195.10")  # 49 + 120 - 20 + 46.10


def test_a_woocommerce_refund_row_arriving_later_updates_the_orders_refund(deps):
    first = run(deps, fixture("woocommerce_analytics.csv"))
    later_data = fixture("woocommerce_analytics.csv") + (
        b'2026-03-09 09:30:00,4801,"-\xe2\x82\xac5.00",completed,Anna A,new,"1\xc3\x97 Kerze",0,,-5,Direct\n')

    later = run(deps, later_data)

    assert (first.new, later.new, later.updated) == (5, 0, 1)
    assert amounts(deps, "woocommerce")["id:order:4801:refund"] == Decimal("-17.61")
    assert first.weeks["2026-W10"].orders == 3
