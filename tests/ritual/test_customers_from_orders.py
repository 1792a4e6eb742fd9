"""Customers from an imported shop export: one customer per address however it is written,
derived weekly inputs a hand value overrides, cohorts, and no e-mail address kept anywhere."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from capture.inputs import MetricInput
from metrics.cohort_report import customer_report
from metrics.report import build_report
from metrics.weeks import IsoWeek
from ritual.deps import Deps
from ritual.digest_data import kpi_settings
from ritual.export import export_csv
from ritual.file_import import ImportRequest, ImportSummary, import_file
from ritual.lifecycle import purge_now
from storage.db import Database
from storage.entries import Provenance, add_entry
from storage.frames import load_inputs
from storage.import_tables import ImportedRow, ImportSecret
from storage.models import Workspace
from tests.bot.conftest import MovableClock

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
TEAM = "T1"
HEADER = ("order_id,order_number,order_date,status,shipping_tax_total,tax_total,order_total,"
          "refunded_total,order_currency,customer_email")
ORDERS = "\n".join([
    HEADER,
    "4801,4801,01/05/2026 10:00:00,completed,0,19.00,119.00,0,EUR,Anna@Example.com",
    "4802,4802,02/10/2026 10:00:00,completed,0,9.50,59.50,0,EUR,  ANNA@example.COM ",
    "4803,4803,01/20/2026 10:00:00,refunded,0,11.40,71.40,71.40,EUR,ben@example.org",
    "4804,4804,02/03/2026 10:00:00,completed,0,7.60,47.60,0,EUR,",
    "4805,4805,04/30/2026 10:00:00,completed,0,1.90,11.90,0,EUR,cara@example.net",
]) + "\n"


@pytest.fixture
def deps(database_url):
    db = Database(database_url)
    yield Deps(db=db, clock=MovableClock(NOW))
    db.dispose()


def imported(deps: Deps) -> ImportSummary:
    outcome = import_file(deps, ImportRequest(team_id=TEAM, data=ORDERS.encode(),
                                              file_name="orders.csv"))
    assert isinstance(outcome, ImportSummary) and outcome.new == 6, outcome
    return outcome


def week_inputs(deps: Deps, week: IsoWeek) -> dict[str, Decimal]:
    with deps.db.reader() as session:
        metrics = load_inputs(session, TEAM).metrics
    rows = metrics[(metrics["occurred_on"] >= week.start) & (metrics["occurred_on"] <= week.end)]
    return rows.groupby("metric")["value"].sum().to_dict()


def test_weekly_customer_inputs_come_from_the_orders(deps):
    imported(deps)
    assert week_inputs(deps, IsoWeek(2026, 2)) == {
        "revenue": Decimal(100), "orders": 1, "new_customers": 1, "repeat_orders": 0,
        "active_customers": 1, "churned_customers": 0}
    assert week_inputs(deps, IsoWeek(2026, 6))["new_customers"] == 0  # no customer named
    assert week_inputs(deps, IsoWeek(2026, 6))["orders"] == 1
    second = week_inputs(deps, IsoWeek(2026, 7))  # Anna again, written another way
    assert (second["new_customers"], second["repeat_orders"], second["active_customers"]) == (
        0, 1, 2)


def test_a_value_recorded_by_hand_wins_for_its_week(deps):
    imported(deps)
    with deps.db.session() as session:
        add_entry(session, TEAM, MetricInput("new_customers", Decimal(5), date(2026, 1, 21), None),
                  Provenance("U1", NOW, "slash"))
    assert week_inputs(deps, IsoWeek(2026, 4))["new_customers"] == 5
    assert week_inputs(deps, IsoWeek(2026, 4))["active_customers"] == 2
    assert week_inputs(deps, IsoWeek(2026, 2))["new_customers"] == 1


def test_the_kpis_that_use_customers_follow(deps):
    imported(deps)
    with deps.db.reader() as session:
        inputs = load_inputs(session, TEAM)
        workspace = session.get(Workspace, TEAM)
        report = build_report(inputs, kpi_settings(workspace), IsoWeek(2026, 7))
    repurchase = report.kpis["repurchase_rate_pct"]  # W04–W07: 1 repeat order of 3 orders
    assert (repurchase.window, round(repurchase.value, 2)) == ("t4w", Decimal("33.33"))
    assert report.kpis["churn_rate_month_pct"].value == Decimal(0)  # 2 active, none churned


def test_cohorts_of_the_export_are_exact(deps):
    imported(deps)
    with deps.db.reader() as session:
        inputs = load_inputs(session, TEAM)
    customers = customer_report(inputs, date(2026, 5, 3), {})
    assert [c.to_json_dict() for c in customers.cohorts] == [
        {"month": "2026-01", "customers": 2, "retention_pct": [100.0, 50.0, 0.0, 0.0],
         "revenue_per_customer": ["50.00", "75.00", "75.00", "75.00"], "repeat_pct": 50.0},
        {"month": "2026-04", "customers": 1, "retention_pct": [100.0],
         "revenue_per_customer": ["10.00"], "repeat_pct": 0.0}]
    assert customers.without_customer == 1
    assert customers.ltv.revenue == {3: Decimal("75.00")}


def test_no_email_address_is_kept_in_the_database_the_export_or_the_log(sqlite_url, caplog):
    db = Database(sqlite_url)
    deps = Deps(db=db, clock=MovableClock(NOW))
    with caplog.at_level(logging.DEBUG):
        imported(deps)
        with deps.db.reader() as session:
            load_inputs(session, TEAM)
        name, data, _ = export_csv(deps, TEAM)
    db.dispose()
    connection = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    dump = "\n".join(connection.iterdump()).casefold()
    connection.close()
    for text in (dump, data.decode("utf-8-sig").casefold(), caplog.text.casefold()):
        assert "example" not in text and "anna" not in text and "@" not in text


def test_purging_the_workspace_removes_its_customer_keys_and_their_secret(deps):
    imported(deps)
    counts = purge_now(deps, TEAM)
    assert counts["imported_rows"] == 6 and counts["import_secrets"] == 1
    with deps.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(ImportedRow)) == 0
        assert session.scalar(select(func.count()).select_from(ImportSecret)) == 0
