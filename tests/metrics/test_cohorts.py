"""Cohorts by month of first order, and realised LTV, on a hand-computed example."""

from datetime import date
from decimal import Decimal

from metrics.cohort_ltv import formula_at, ltv_check, newest_return
from metrics.cohorts import Cohort, build_cohorts
from tests.metrics.orders_builder import make_orders

ORDERS = make_orders([
    (date(2026, 1, 5), "a", 10000), (date(2026, 2, 10), "a", 5000),
    (date(2026, 2, 15), "a", -2000),                     # a refund lowers a's revenue
    (date(2026, 1, 20), "b", 6000),
    (date(2026, 2, 3), "c", 4000), (date(2026, 4, 1), "c", 4000),
    (date(2026, 2, 28), "d", 8000), (date(2026, 2, 28), "d", 2000),
    (date(2026, 3, 5), None, 3000),                      # an order without a customer
    (date(2026, 3, 10), "e", -1000),                     # a refund never makes a customer
    (date(2026, 4, 30), "f", 1000),
])
SHARES = {(2026, 1): Decimal("0.25"), (2026, 2): Decimal("0.5")}


def share_of(month: int) -> Decimal | None:
    return SHARES.get((1970 + month // 12, month % 12 + 1))


def test_cohorts_have_their_size_retention_and_cumulative_revenue_per_customer():
    cohorts = build_cohorts(ORDERS, date(2026, 4, 30))
    assert [c.to_json_dict() for c in cohorts] == [
        {"month": "2026-01", "customers": 2, "retention_pct": [100.0, 50.0, 0.0, 0.0],
         "revenue_per_customer": ["80.00", "95.00", "95.00", "95.00"], "repeat_pct": 50.0},
        {"month": "2026-02", "customers": 2, "retention_pct": [100.0, 0.0, 50.0],
         "revenue_per_customer": ["70.00", "70.00", "90.00"], "repeat_pct": 100.0},
        {"month": "2026-04", "customers": 1, "retention_pct": [100.0],
         "revenue_per_customer": ["10.00"], "repeat_pct": 0.0},
    ]


def test_months_not_yet_complete_are_left_out():
    cohorts = build_cohorts(ORDERS, date(2026, 4, 29))
    assert [c.month for c in cohorts] == ["2026-01", "2026-02"]
    assert cohorts[0].retention_pct == [100.0, 50.0, 0.0]


def test_the_rows_last_day_ends_what_is_known_however_late_the_report():
    later = build_cohorts(ORDERS, date(2026, 9, 30))
    assert later == build_cohorts(ORDERS, date(2026, 4, 30))


def test_contribution_follows_as_long_as_variable_costs_were_recorded():
    january, february, april = build_cohorts(ORDERS, date(2026, 4, 30), share_of)
    assert january.contribution_per_customer == [Decimal("60.00"), Decimal("67.50")]
    assert february.contribution_per_customer == [Decimal("35.00")]
    assert april.contribution_per_customer == []
    assert january.to_json_dict()["contribution_per_customer"] == ["60.00", "67.50"]


def test_realised_ltv_is_weighted_by_cohort_size_and_set_against_the_formula():
    cohorts = build_cohorts(ORDERS, date(2026, 4, 30))
    check = ltv_check(cohorts, Decimal("30"), Decimal("10"))
    assert check.revenue == {3: Decimal("92.50")}  # (2 × 95 + 2 × 90) / 4
    assert check.contribution == {}
    assert check.months == 3 and check.basis == "revenue"
    assert check.expected == Decimal("30") * (1 - Decimal("0.9") ** 3) / Decimal("0.1")  # 81.30
    assert not check.disagree
    assert ltv_check(cohorts, Decimal("60"), Decimal("10")).disagree  # 162.60 vs 92.50


def test_the_formula_without_churn_is_months_of_contribution():
    assert formula_at(Decimal("20"), Decimal(0), 6) == Decimal(120)


def cohort(month: str, month_one: float) -> Cohort:
    return Cohort(month, 10, [100.0, month_one], [Decimal(1), Decimal(2)], [], month_one)


def test_the_newest_cohort_returning_better_or_worse_is_found():
    before = [cohort("2026-01", 20.0), cohort("2026-02", 24.0)]
    better = newest_return([*before, cohort("2026-03", 40.0)])
    assert better is not None and better[0].month == "2026-03" and better[1:] == (22.0, 2)
    assert newest_return([*before, cohort("2026-03", 25.0)]) is None
    assert newest_return([before[0], cohort("2026-03", 40.0)]) is None  # too few before
