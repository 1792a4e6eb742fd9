"""`northstar report --json` lists the cohorts of imported orders; the import says which
orders name no customer."""

from __future__ import annotations

import json

from tests.bot.test_cohort_digest import shop_export
from tests.cli.helpers import run


def test_the_report_lists_cohorts_and_realised_ltv(in_tmp, capsys):
    (in_tmp / "orders.csv").write_bytes(shop_export())
    answer = json.loads(run(capsys, "import", "orders.csv", "--team", "T1", "--json"))
    assert answer["new"] == 40 and "orders_without_customer" not in answer
    report = json.loads(run(capsys, "report", "--team", "T1", "--week", "2026-W18", "--json"))
    assert report["cohorts"] == [
        {"month": "2026-01", "customers": 10, "retention_pct": [100.0, 20.0, 0.0, 0.0],
         "revenue_per_customer": ["20.00", "24.00", "24.00", "24.00"], "repeat_pct": 20.0},
        {"month": "2026-02", "customers": 10, "retention_pct": [100.0, 20.0, 0.0],
         "revenue_per_customer": ["20.00", "24.00", "24.00"], "repeat_pct": 20.0},
        {"month": "2026-03", "customers": 10, "retention_pct": [100.0, 50.0],
         "revenue_per_customer": ["20.00", "30.00"], "repeat_pct": 50.0},
        {"month": "2026-04", "customers": 1, "retention_pct": [100.0],
         "revenue_per_customer": ["20.00"], "repeat_pct": 0.0}]
    customers = report["customers"]
    assert customers["orders_without_customer"] == 0
    assert customers["realised_ltv"]["revenue"] == {"3": "24.00"}  # Jan and Feb, 10 each


def test_orders_without_a_customer_are_said_on_import_and_in_the_report(in_tmp, capsys):
    lines = ["order_id,order_date,status,order_total,tax_total,customer_email",
             "1,03/02/2026 10:00:00,completed,20.00,0,",
             "2,03/03/2026 10:00:00,completed,30.00,0,a@example.com"]
    (in_tmp / "orders.csv").write_text("\n".join(lines) + "\n")
    text = run(capsys, "import", "orders.csv", "--team", "T1")
    assert "Bestellungen ohne Kundenangabe: 1 – als Bestellungen gezählt, nicht als Kunden." in text
    report = json.loads(run(capsys, "report", "--team", "T1", "--week", "2026-W10", "--json"))
    assert report["customers"]["notes"][0] == (
        "Orders naming no customer: 1 – counted as orders, not as customers.")
    assert [c["customers"] for c in report["cohorts"]] == []  # March is not complete yet


def test_the_text_report_names_the_realised_ltv(in_tmp, capsys):
    (in_tmp / "orders.csv").write_bytes(shop_export())
    run(capsys, "import", "orders.csv", "--team", "T1")
    text = run(capsys, "report", "--team", "T1", "--week", "2026-W18")
    assert "cohorts: 4 (report --json: cohorts)" in text
    assert "realised LTV (revenue): 3 months 24.00 · formula LTV: " in text
