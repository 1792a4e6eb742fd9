"""Importing exports: idempotent by key, overlaps store only what is new, undo, and the KPIs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

import ritual.file_import as file_import
from metrics.frames import Inputs
from ritual.deps import Deps
from ritual.file_import import ImportRefusal, ImportRequest, ImportSummary, NotAnExport, import_file, undo
from storage.db import Database
from storage.frames import load_inputs
from storage.import_tables import ImportedRow, ImportRecord
from tests.bot.conftest import MovableClock

NOW = datetime(2026, 3, 23, 9, 0, tzinfo=UTC)
FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
TEAM = "T1"


@pytest.fixture
def deps(database_url):
    db = Database(database_url)
    yield Deps(db=db, clock=MovableClock(NOW))
    db.dispose()


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def run(deps: Deps, data: bytes, **options) -> ImportSummary:
    outcome = import_file(deps, ImportRequest(team_id=TEAM, data=data, **options))
    assert isinstance(outcome, ImportSummary), outcome
    return outcome


def stored(deps: Deps) -> int:
    with deps.db.reader() as session:
        return session.scalar(select(func.count()).select_from(ImportedRow))


def week_sums(deps: Deps) -> tuple[dict, dict]:
    """(metric sums, cost sums by category) of every week, as the KPIs read them."""
    with deps.db.reader() as session:
        inputs: Inputs = load_inputs(session, TEAM)
    metrics = inputs.metrics.groupby("metric")["value"].sum().to_dict()
    costs = inputs.costs.groupby("category")["amount"].sum().to_dict()
    return metrics, costs


def test_a_file_imported_twice_stores_nothing_the_second_time(deps):
    first = run(deps, fixture("stripe_balance.csv"), file_name="balance.csv")
    again = run(deps, fixture("stripe_balance.csv"))

    assert (first.new, first.duplicate) == (5, 0) and first.import_id
    assert (again.new, again.duplicate, again.import_id, again.weeks) == (0, 5, None, {})
    assert stored(deps) == 5
    with deps.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(ImportRecord)) == 1


def test_an_overlapping_later_export_stores_only_the_new_rows(deps):
    lines = fixture("stripe_balance.csv").decode().splitlines(keepends=True)
    run(deps, "".join(lines[:4]).encode())

    later = run(deps, "".join([lines[0], *lines[2:]]).encode())

    assert (later.new, later.duplicate) == (2, 2)
    assert stored(deps) == 5


def test_identical_twin_bank_lines_are_two_rows_and_are_not_stored_again(deps):
    run(deps, fixture("sparkasse_camt.csv"))
    text = fixture("sparkasse_camt.csv").decode("cp1252").splitlines(keepends=True)
    one_twin = "".join(line for number, line in enumerate(text) if number != 3)

    again = run(deps, one_twin.encode("cp1252"))

    with deps.db.reader() as session:
        coffees = session.scalar(select(func.count()).select_from(ImportedRow).where(
            ImportedRow.counterparty == "Café Ecke"))
    assert coffees == 2
    assert again.new == 0


def test_a_dry_run_shows_the_figures_and_stores_nothing(deps):
    preview = run(deps, fixture("stripe_balance.csv"), dry_run=True)

    assert preview.new == 5 and preview.import_id is None
    week = preview.weeks["2026-W10"]
    assert (week.revenue, week.refunds, week.orders) == (Decimal("150.00"), Decimal("19.00"), 2)
    assert week.payment_fees == Decimal("5.42") and week.transfers == Decimal("146.51")
    assert stored(deps) == 0


def test_a_stripe_payout_arriving_in_the_bank_is_not_revenue_twice(deps):
    run(deps, fixture("stripe_balance.csv"))
    run(deps, fixture("sparkasse_camt.csv"))

    metrics, costs = week_sums(deps)

    assert metrics["revenue"] == Decimal("150.00")  # charges 169.00 less the 19.00 refund
    assert metrics["orders"] == 2
    assert costs["payment_fees"] == Decimal("5.42")  # 0.99 + 1.93 on charges, 2.50 fee row
    assert costs["uncategorized"] == Decimal("36.30")  # hosting and two coffees, not the payout


def test_a_shop_is_the_one_revenue_source_and_the_processor_still_gives_fees(deps):
    run(deps, fixture("stripe_balance.csv"))
    run(deps, fixture("shopify_orders.csv"))

    metrics, costs = week_sums(deps)

    # Shopify: 46.90-7.49 + 100-15.97 + 20-3.19, less the refund 25-3.99
    assert metrics["revenue"] == Decimal("119.24")
    assert metrics["orders"] == 3
    assert costs["payment_fees"] == Decimal("5.42")


def test_a_shopify_order_refunded_later_is_updated_in_place(deps):
    run(deps, fixture("shopify_orders.csv"))
    changed = fixture("shopify_orders.csv").replace(b"Ben B,,25.00", b"Ben B,,40.00")

    later = run(deps, changed)

    assert (later.new, later.updated, later.duplicate) == (0, 1, 3)
    with deps.db.reader() as session:
        refund = session.scalar(select(ImportedRow).where(ImportedRow.kind == "refund"))
    assert refund.amount == Decimal("-40.00")


def test_no_email_address_is_stored_only_a_keyed_hash(deps):
    run(deps, fixture("shopify_orders.csv"))
    run(deps, fixture("stripe_balance.csv"))

    with deps.db.reader() as session:
        rows = session.execute(select(ImportedRow.order_id, ImportedRow.customer_key,
                                      ImportedRow.counterparty, ImportedRow.purpose)).all()
    assert not any("@" in str(value) for row in rows for value in row)
    keys = {order: key for order, key, *_ in rows}
    assert len(keys["#1042"]) == 64 and keys["#1042"] == keys["#1045"]  # the same customer


def test_undo_removes_what_that_import_stored_and_nothing_else(deps):
    stripe = run(deps, fixture("stripe_balance.csv"))
    run(deps, fixture("sparkasse_camt.csv"))

    assert undo(deps, TEAM, stripe.import_id) == 5

    metrics, costs = week_sums(deps)
    assert "revenue" not in metrics and "payment_fees" not in costs
    assert costs["uncategorized"] == Decimal("36.30")
    refusal = undo(deps, TEAM, stripe.import_id)
    assert isinstance(refusal, ImportRefusal) and refusal.code == "import_not_found"
    assert run(deps, fixture("stripe_balance.csv")).new == 5  # importable again after the undo


def test_an_import_that_fails_while_storing_stores_nothing(deps, monkeypatch):
    real_store = file_import.store

    def store_then_fail(*args, **kwargs):
        real_store(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(file_import, "store", store_then_fail)
    with pytest.raises(RuntimeError):
        import_file(deps, ImportRequest(team_id=TEAM, data=fixture("stripe_balance.csv")))

    assert stored(deps) == 0
    with deps.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(ImportRecord)) == 0


def test_refusals_and_unknown_layouts_store_nothing(deps):
    unknown = import_file(deps, ImportRequest(team_id=TEAM, data=b"date,kind,name,amount\n"))
    unsafe = import_file(deps, ImportRequest(team_id=TEAM, data=fixture("camt053_entities.xml")))
    wrong = import_file(deps, ImportRequest(team_id=TEAM, data=fixture("paypal_de.csv"),
                                            source="stripe"))

    assert isinstance(unknown, NotAnExport) and unknown.header == "date,kind,name,amount"
    assert isinstance(unsafe, ImportRefusal) and unsafe.code == "import_unsafe_xml"
    assert isinstance(wrong, ImportRefusal) and wrong.code == "import_unknown_layout"
    assert stored(deps) == 0


def test_imported_rows_are_dated_by_booking_day_in_the_kpis(deps):
    run(deps, fixture("stripe_balance.csv"))

    with deps.db.reader() as session:
        inputs = load_inputs(session, TEAM, since=date(2026, 3, 4))
    revenue = inputs.metrics[inputs.metrics["metric"] == "revenue"]
    assert list(revenue["occurred_on"]) == [date(2026, 3, 4)]  # the 23:30 UTC charge of the 3rd


MY_BANK = b"Datum;Text;Betrag\n01.03.2026;Kaffee;-3,20\n02.03.2026;Miete;-800,00\n"


def test_a_mapping_saved_by_name_reads_later_files_with_the_same_header(deps):
    first = run(deps, MY_BANK, mapping="date=Datum,amount=Betrag,description=Text",
                save_as="meinebank")
    later = run(deps, MY_BANK + b"03.03.2026;Strom;-60,00\n")

    assert (first.source, first.new) == ("meinebank", 2)
    assert (later.source, later.new, later.duplicate) == ("meinebank", 1, 2)


def test_a_changed_header_is_named_instead_of_misread(deps):
    run(deps, MY_BANK, mapping="date=Datum,amount=Betrag", save_as="meinebank")

    changed = import_file(deps, ImportRequest(
        team_id=TEAM, data=b"Datum;Text;Betrag;Saldo\n04.03.2026;Miete;-800,00;100,00\n"))

    assert isinstance(changed, ImportRefusal)
    assert (changed.code, changed.params) == ("import_map_header_changed", {"name": "meinebank"})


def test_a_dry_run_with_a_mapping_saves_nothing(deps):
    run(deps, MY_BANK, mapping="date=Datum,amount=Betrag", save_as="meinebank", dry_run=True)

    assert isinstance(import_file(deps, ImportRequest(team_id=TEAM, data=MY_BANK)), NotAnExport)


def test_only_the_author_or_an_admin_may_undo(deps):
    summary = run(deps, fixture("stripe_balance.csv"), user="U0OWNER")

    refused = undo(deps, TEAM, summary.import_id, "U0OTHER", admin=False)

    assert isinstance(refused, ImportRefusal) and refused.code == "import_not_yours"
    assert stored(deps) == 5
    assert undo(deps, TEAM, summary.import_id, "U0OWNER", admin=False) == 5
