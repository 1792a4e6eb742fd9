"""Experiments judged on synthetic weekly series with a known effect, and the exact statistics."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import kendalltau

from metrics.effect_stats import shift_interval, trend_p, u_cdf
from metrics.experiments import EXPERIMENT_KPIS, VERDICTS, judge_experiment
from metrics.frames import KpiSettings
from metrics.kpis import compute_kpi
from metrics.totals import window_totals
from tests.metrics.builders import MONDAY, make_inputs

SINCE = date(2026, 9, 7)
REASONS = {"kpi_not_recorded", "too_few_weeks_before", "too_few_weeks_after", "pre_trend_too_steep",
           "before_level_zero"}


def series(before: int, after: int, seed: int, noise: float = 0.05, effect: float = 0.0,
           trend: float = 0.0, column: str = "average_order_value") -> pd.DataFrame:
    """Weekly values around 100 with a relative step at SINCE, a linear trend and normal noise."""
    rng = np.random.default_rng(seed)
    offsets = range(-before, after)
    values = np.array([100 * (1 + trend * k) * (1 + (effect if k >= 0 else 0)) for k in offsets])
    values += rng.normal(0, noise * 100, len(values))
    return pd.DataFrame({column: values}, index=[SINCE + timedelta(weeks=k) for k in offsets])


def judge(frame: pd.DataFrame, direction: str = "up", expected: float | None = None, kpi=None):
    return judge_experiment(kpi or frame.columns[0], direction, SINCE, frame, expected)


def verdicts(runs: int, direction: str = "up", expected: float | None = None, **kwargs) -> Counter:
    return Counter(judge(series(seed=seed, **kwargs), direction, expected).verdict
                   for seed in range(runs))


def test_a_true_ten_percent_step_is_too_early_first_and_confirmed_later():
    story = [judge(series(12, weeks, seed=0, noise=0.06, effect=0.10), expected=5)
             for weeks in range(3, 13)]
    assert [r.verdict for r in story[:3]] == ["too_early"] * 3
    assert all(r.weeks_needed or r.reason == "no_decision_in_sight" for r in story[:3])
    assert {r.verdict for r in story[3:]} == {"confirmed"}
    final = story[-1]
    assert final.interval_pct[0] > 0 and final.effect_pct == pytest.approx(10, abs=4)
    assert final.after / final.before - 1 == pytest.approx(final.effect_pct / 100)


def test_confirmation_grows_with_the_weeks_since_the_start():
    early = verdicts(60, expected=5, before=12, after=3, noise=0.08, effect=0.10)
    late = verdicts(60, expected=5, before=12, after=12, noise=0.06, effect=0.10)
    assert early["too_early"] >= 25 and early["refuted"] <= 3
    assert late["confirmed"] >= 48


@pytest.mark.parametrize(("before", "after", "expected"), [(12, 6, None), (6, 4, None), (12, 8, 5),
                                                           (3, 3, None)])
def test_a_null_effect_is_not_confirmed_in_95_percent_of_runs(before, after, expected):
    counts = verdicts(200, expected=expected, before=before, after=after)
    assert counts["confirmed"] <= 10


def test_an_opposite_effect_is_refuted():
    counts = verdicts(50, expected=5, before=12, after=6, effect=-0.10)
    assert counts["refuted"] >= 45
    result = judge(series(12, 6, seed=1, effect=-0.10), expected=5)
    assert result.verdict == "refuted" and result.reason == "opposite_effect"
    assert judge(series(12, 6, seed=1, effect=-0.10), "down", 5).verdict == "confirmed"


def test_a_null_effect_with_many_weeks_is_refuted_as_no_effect():
    result = judge(series(12, 12, seed=3, noise=0.02), expected=10)
    assert result.verdict == "refuted" and result.reason == "no_effect"


def test_a_steady_pre_existing_trend_is_not_called_an_effect():
    counts = verdicts(200, before=12, after=8, trend=0.02)
    assert counts["confirmed"] <= 20
    example = judge(series(12, 8, seed=4, trend=0.02))
    assert example.verdict != "confirmed" and example.method == "trend"
    assert example.effect_pct == pytest.approx(0, abs=6)


def test_a_trend_too_steep_to_extrapolate_is_not_judged():
    result = judge(series(12, 8, seed=5, trend=0.08, noise=0.02))
    assert (result.verdict, result.reason) == ("not_judgeable", "pre_trend_too_steep")


def test_one_outlier_week_does_not_flip_the_verdict():
    flips = 0
    for seed in range(50):
        clean = series(12, 8, seed=seed, effect=0.10)
        base = judge(clean).verdict
        for week, factor in ((3, 3.0), (15, 3.0), (15, 0.3), (5, 0.3)):
            spoiled = clean.copy()
            spoiled.iloc[week, 0] *= factor
            flips += judge(spoiled).verdict != base
    assert flips <= 20  # of 200
    clean = series(12, 8, seed=0, effect=0.10)
    spoiled = clean.copy()
    spoiled.iloc[2, 0] *= 4
    assert judge(clean).verdict == judge(spoiled).verdict == "confirmed"


@pytest.mark.parametrize(("before", "after", "reason"), [
    (2, 6, "too_few_weeks_before"), (12, 2, "too_few_weeks_after"), (0, 0, "kpi_not_recorded")])
def test_too_few_weeks_are_not_judgeable(before, after, reason):
    result = judge(series(before, after, seed=1), kpi="average_order_value")
    assert (result.verdict, result.reason) == ("not_judgeable", reason)
    assert result.effect_pct is None and result.interval_pct is None


def test_gaps_and_a_kpi_never_recorded():
    frame = series(12, 6, seed=2, effect=0.10)
    frame.iloc[[1, 4, 13], 0] = np.nan
    result = judge(frame)
    assert (result.weeks_before, result.weeks_after) == (10, 5)
    missing = judge_experiment("revenue", "up", SINCE, frame)
    assert (missing.verdict, missing.reason) == ("not_judgeable", "kpi_not_recorded")


def test_weeks_after_until_are_ignored():
    result = judge_experiment("average_order_value", "up", SINCE, series(12, 10, seed=1),
                              until=SINCE + timedelta(days=4 * 7 - 1))
    assert result.weeks_after == 4


def counts_frame(before: int, after: int, seed: int, orders: int, rate: float, ratio: float = 1.0):
    rng = np.random.default_rng(seed)
    trials = rng.poisson(orders, before + after)
    rates = np.array([rate * (ratio if k >= 0 else 1) for k in range(-before, after)])
    return pd.DataFrame({"errors": rng.binomial(trials, rates), "orders": trials},
                        index=[SINCE + timedelta(weeks=k) for k in range(-before, after)])


def test_error_rate_is_judged_on_counts_not_weekly_percentages():
    halved = [judge_experiment("error_rate_per_100", "down", SINCE,
                               counts_frame(12, 6, seed, 200, 0.05, 0.5)) for seed in range(40)]
    assert sum(r.verdict == "confirmed" for r in halved) >= 36
    assert {r.method for r in halved} <= {"counts", None}
    example = halved[0]
    assert example.before == pytest.approx(5, abs=1.5) and example.effect_pct < 0
    null = Counter(judge_experiment("error_rate_per_100", "down", SINCE,
                                    counts_frame(12, 6, seed, 40, 0.05)).verdict for seed in range(200))
    assert null["confirmed"] <= 10


def test_no_errors_before_cannot_be_judged_relative_to_zero():
    frame = counts_frame(6, 4, 1, 50, 0.0)
    result = judge_experiment("error_rate_per_100", "down", SINCE, frame)
    assert (result.verdict, result.reason) == ("not_judgeable", "before_level_zero")


def check_invariants(result) -> None:
    assert result.verdict in VERDICTS
    if result.verdict == "not_judgeable":
        assert result.reason in REASONS and result.interval_pct is None
        return
    low, high = result.interval_pct
    assert math.isfinite(low) and math.isfinite(high)
    assert low <= result.effect_pct <= high
    assert result.weeks_needed is None or result.weeks_needed >= 1
    assert result.as_json()["verdict"] == result.verdict


week_counts = st.tuples(st.integers(0, 30), st.integers(0, 30)).map(lambda t: (min(t), max(t)))


@settings(max_examples=150, deadline=None)
@given(before=st.lists(week_counts, max_size=14), after=st.lists(week_counts, max_size=10),
       direction=st.sampled_from(["up", "down"]), expected=st.none() | st.integers(1, 60),
       kpi=st.sampled_from(["error_rate_per_100", "ctr_pct", "on_time_delivery_pct"]))
def test_small_counts_always_give_an_allowed_verdict(before, after, direction, expected, kpi):
    rows = before + after
    weeks = [SINCE + timedelta(weeks=k) for k in range(-len(before), len(after))]
    events, trials = {"error_rate_per_100": ("errors", "orders"), "ctr_pct": ("clicks", "impressions"),
                      "on_time_delivery_pct": ("late_deliveries", "deliveries")}[kpi]
    frame = pd.DataFrame({events: [r[0] for r in rows], trials: [r[1] for r in rows]}, index=weeks)
    check_invariants(judge_experiment(kpi, direction, SINCE, frame, expected))


@settings(max_examples=150, deadline=None)
@given(values=st.lists(st.none() | st.floats(-1e6, 1e6), min_size=0, max_size=24),
       split=st.integers(0, 24), direction=st.sampled_from(["up", "down"]))
def test_any_plain_series_gives_an_allowed_verdict(values, split, direction):
    weeks = [SINCE + timedelta(weeks=k - split) for k in range(len(values))]
    frame = pd.DataFrame({"revenue": [math.nan if v is None else v for v in values]}, index=weeks)
    check_invariants(judge_experiment("revenue", direction, SINCE, frame))


@pytest.mark.parametrize(("m", "n"), [(3, 3), (3, 5), (4, 4), (5, 3)])
def test_the_mann_whitney_distribution_is_exact(m, n):
    counts = Counter()
    for chosen in itertools.combinations(range(m + n), m):
        counts[sum(j < i for i in chosen for j in set(range(m + n)) - set(chosen))] += 1
    total = sum(counts.values())
    exact = np.cumsum([counts[u] for u in range(m * n + 1)]) / total
    assert np.allclose(u_cdf(m, n), exact)


def test_the_shift_interval_of_three_against_three_is_min_to_max():
    shift, low, high = shift_interval(np.array([1.0, 2.0, 3.0]), np.array([5.0, 7.0, 6.0]))
    assert (shift, low, high) == (4.0, 2.0, 6.0)


def test_the_trend_test_matches_scipys_exact_kendall():
    rng = np.random.default_rng(1)
    for n in (4, 7, 12):
        values = rng.normal(size=n) + np.arange(n) * 0.3
        assert trend_p(values) == pytest.approx(kendalltau(np.arange(n), values, method="exact").pvalue)


def test_experiment_kpis_are_the_weekly_ones_plus_average_order_value():
    assert {"average_order_value", "revenue", "error_rate_per_100", "ctr_pct"} <= set(EXPERIMENT_KPIS)
    assert not {"cac", "ltv", "roi_by_channel", "top_error_cause"} & set(EXPERIMENT_KPIS)


def test_average_order_value_is_revenue_per_order_of_the_week():
    inputs = make_inputs(metrics=[(MONDAY, "revenue", 1000), (MONDAY, "orders", 40)])
    totals = {"week": window_totals(inputs, MONDAY, MONDAY + timedelta(days=6))}
    assert compute_kpi("average_order_value", totals, KpiSettings()).value == 25
    empty = {"week": window_totals(make_inputs(), MONDAY, MONDAY + timedelta(days=6))}
    assert compute_kpi("average_order_value", empty, KpiSettings()).value is None


def test_json_shape():  # speed: bench/experiments_bench.py
    result = judge(series(12, 26, seed=7, effect=0.10), expected=5)
    data = result.as_json()
    assert set(data) == {"kpi", "direction", "expected_effect_pct", "since", "weeks_before",
                         "weeks_after", "before", "after", "effect_pct", "interval_pct", "verdict",
                         "weeks_needed", "reason"}
    assert data["since"] == "2026-09-07" and len(data["interval_pct"]) == 2
