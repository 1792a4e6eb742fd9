"""Drift tests: p-chart with an exact binomial tail, EWMA, and payback ceiling and trend."""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

import pandas as pd
from scipy.special import bdtrc

from metrics.frames import Inputs
from metrics.reasons import Reason
from metrics.totals import ZERO, errors_tracked, metric_sums
from metrics.weeks import IsoWeek

BASELINE_WEEKS = 12
MIN_BASELINE = 4
SIGMA = 3
BINOMIAL_ALPHA = 0.00135
SMALL_EXPECTED = 5
EWMA_LAMBDA = 0.2
PAYBACK_RISE_WEEKS = 3
PAYBACK_RISE = 1.25
MIN_NEW_CUSTOMERS = 3
PAYBACK_WINDOW = 4  # payback is a t4w KPI


@dataclass(frozen=True)
class DriftVerdict:
    kind: str
    fired: bool | None
    observed: float | None
    expected: float | None
    limit: float | None
    baseline_weeks: int
    top_cause: str | None
    reason: Reason


def binomial_tail(x: float, n: float, p: float) -> float:
    """P(X ≥ x) for X ~ Binomial(n, p), exactly (scipy's regularised incomplete beta)."""
    return 1.0 if x <= 0 else float(bdtrc(x - 1, int(n), p))


def p_chart_limits(p_bar: float, n: float, sigma: float = SIGMA) -> tuple[float, float]:
    """Lower and upper control limits of a p-chart for a sample of n (lower clipped at 0)."""
    spread = sigma * math.sqrt(p_bar * (1 - p_bar) / n)
    return max(0.0, p_bar - spread), p_bar + spread


def weekly_counts(inputs: Inputs, weeks: list[IsoWeek],
                  paused: Collection[IsoWeek] = ()) -> pd.DataFrame:
    """Errors and orders per week; NaN where either is unknown or the week is paused. A week
    with orders and no errors entry has 0 errors once the workspace tracks errors (KPIS.md,
    zero-error weeks)."""
    rows = []
    for week in weeks:
        if week in paused:
            rows.append({"week": week.start, "errors": math.nan, "orders": math.nan,
                         "top_cause": None})
            continue
        sums, causes = metric_sums(inputs, week.start, week.end, ("errors", "orders"))
        errors, orders = sums.get("errors"), sums.get("orders")
        if errors is None and orders is not None and errors_tracked(inputs, week.end):
            errors = ZERO
        ok = errors is not None and orders is not None and orders > 0
        rows.append({"week": week.start, "errors": float(errors) if ok else math.nan,
                     "orders": float(orders) if ok else math.nan, "top_cause": _top(causes)})
    return pd.DataFrame(rows).set_index("week")


def _top(causes: dict) -> str | None:
    return max(sorted(causes), key=lambda c: causes[c]) if causes else None


def _baseline(counts: pd.DataFrame) -> pd.DataFrame:
    """The last 12 weeks with data before the final row."""
    return counts.iloc[:-1].dropna(subset=["errors"]).tail(BASELINE_WEEKS)


def _no_verdict(kind: str, used: int, reason: Reason) -> DriftVerdict:
    return DriftVerdict(kind, None, None, None, None, used, None, reason)


def _neither(used: int, reason: Reason) -> list[DriftVerdict]:
    return [_no_verdict("error_rate", used, reason), _no_verdict("error_rate_ewma", used, reason)]


def error_rate_verdicts(inputs: Inputs, week: IsoWeek,
                        paused: Collection[IsoWeek] = ()) -> list[DriftVerdict]:
    """The p-chart (with binomial tail for small counts) and the EWMA verdict for a week;
    paused weeks are no part of the baseline."""
    counts = weekly_counts(inputs, week.window(BASELINE_WEEKS * 3 + 1),
                           [w for w in paused if w != week])
    baseline = _baseline(counts)
    current = counts.iloc[-1]
    used = len(baseline)
    if used < MIN_BASELINE:
        return _neither(used, Reason("drift.baseline_short", {"used": used, "needed": MIN_BASELINE}))
    if math.isnan(current["errors"]):
        return _neither(used, Reason("drift.no_data_this_week"))
    p_bar = baseline["errors"].sum() / baseline["orders"].sum()
    if p_bar >= 1 or current["errors"] > current["orders"]:
        return _neither(used, Reason("drift.more_errors_than_orders"))
    return [_p_chart(current, p_bar, used), _ewma(pd.concat([baseline, counts.iloc[[-1]]]), p_bar,
                                                  used, current["top_cause"])]


def _p_chart(current: pd.Series, p_bar: float, used: int) -> DriftVerdict:
    n, x = current["orders"], current["errors"]
    _, ucl = p_chart_limits(p_bar, n)
    rate, cause = x / n, current["top_cause"]
    figures = dict(observed=round(rate * 100, 2), expected=round(p_bar * 100, 2),
                   limit=round(ucl * 100, 2))
    if n * p_bar < SMALL_EXPECTED:
        tail = binomial_tail(x, n, p_bar)
        fired = tail < BINOMIAL_ALPHA
        reason = Reason("drift.binomial", {"errors": int(x), "orders": int(n), "usual": p_bar * 100,
                                           "probability": tail, "alpha": BINOMIAL_ALPHA})
    else:
        fired = rate > ucl
        reason = Reason("drift.p_chart_above" if fired else "drift.p_chart_within",
                        {"rate": rate * 100, "limit": ucl * 100, "usual": p_bar * 100, "weeks": used})
    if fired and cause:
        reason = Reason(reason.code, {**reason.params, "cause": cause})
    return DriftVerdict("error_rate", bool(fired), **figures, baseline_weeks=used,
                        top_cause=cause, reason=reason)


def ewma_series(rates: list[float], sizes: list[float], p_bar: float,
                lam: float = EWMA_LAMBDA) -> list[tuple[float, float]]:
    """(EWMA, its upper limit) per point, starting at the centre line p̄."""
    z, points = p_bar, []
    for t, (rate, n) in enumerate(zip(rates, sizes, strict=True), start=1):
        z = lam * rate + (1 - lam) * z
        sigma = math.sqrt(p_bar * (1 - p_bar) / n) * math.sqrt(
            lam / (2 - lam) * (1 - (1 - lam) ** (2 * t)))
        points.append((z, p_bar + SIGMA * sigma))
    return points


def _ewma(counts: pd.DataFrame, p_bar: float, used: int, cause: str | None) -> DriftVerdict:
    rates = list(counts["errors"] / counts["orders"])
    z, limit = ewma_series(rates, list(counts["orders"]), p_bar)[-1]
    fired = z > limit
    reason = Reason("drift.ewma_above" if fired else "drift.ewma_within",
                    {"ewma": z * 100, "limit": limit * 100})
    return DriftVerdict("error_rate_ewma", bool(fired), round(z * 100, 2), round(p_bar * 100, 2),
                        round(limit * 100, 2), used, cause if fired else None, reason)


def payback_verdict(series: list[float | None], new_customers_t4w: Decimal | None,
                    ceiling: float, weeks_used: int | None = None) -> DriftVerdict:
    """Ceiling or trend test on the weekly payback series (oldest first, this week last; None
    where a week's window was incomplete); no verdict while this week's window is incomplete."""
    if weeks_used is not None and weeks_used < PAYBACK_WINDOW:
        return _no_verdict("payback", 0, Reason("drift.incomplete_window",
                                                {"used": weeks_used, "weeks": PAYBACK_WINDOW}))
    if new_customers_t4w is None or new_customers_t4w < MIN_NEW_CUSTOMERS:
        count = 0 if new_customers_t4w is None else int(new_customers_t4w)
        return _no_verdict("payback", 0, Reason("drift.few_new_customers",
                                                {"count": count, "needed": MIN_NEW_CUSTOMERS}))
    current = series[-1]
    if current is None:
        return _no_verdict("payback", 0, Reason("drift.payback_unknown"))
    before = [v for v in series[-1 - BASELINE_WEEKS:-1] if v is not None]
    typical = median(before) if before else None
    recent = series[-1 - PAYBACK_RISE_WEEKS:]
    rising = len(recent) == PAYBACK_RISE_WEEKS + 1 and None not in recent and all(
        b > a for a, b in zip(recent, recent[1:], strict=False))
    trend = rising and typical is not None and current >= typical * PAYBACK_RISE
    if current > ceiling:
        reason = Reason("drift.payback_ceiling", {"months": current, "ceiling": ceiling})
        limit, fired = ceiling, True
    elif trend:
        reason = Reason("drift.payback_rising", {"weeks": PAYBACK_RISE_WEEKS, "months": current,
                                                 "above_pct": (current / typical - 1) * 100,
                                                 "median": typical})
        limit, fired = typical * PAYBACK_RISE, True
    else:
        reason = Reason("drift.payback_fine", {"months": current})
        limit, fired = ceiling, False
    return DriftVerdict("payback", fired, round(current, 2),
                        None if typical is None else round(typical, 2), round(limit, 2),
                        len(before), None, reason)


def error_rate_control(inputs: Inputs, weeks: list[IsoWeek],
                       paused: Collection[IsoWeek] = ()) -> pd.DataFrame:
    """Per week: rate, centre, ucl, lcl (per 100) and out_of_control, against the last week's
    baseline; for the control chart (paused weeks are shown as paused, not as points)."""
    history = weekly_counts(inputs, weeks[0].window(BASELINE_WEEKS + 1)[:-1] + list(weeks),
                            paused)
    baseline = _baseline(history)
    p_bar = (baseline["errors"].sum() / baseline["orders"].sum()) if len(baseline) else math.nan
    rows = []
    for week in weeks:
        n, x = history.loc[week.start, "orders"], history.loc[week.start, "errors"]
        if math.isnan(n) or math.isnan(p_bar):
            rows.append({"week": week.start, "rate": math.nan if math.isnan(n) else x / n * 100,
                         "centre": p_bar * 100, "ucl": math.nan, "lcl": math.nan,
                         "out_of_control": False})
            continue
        rate = x / n
        if p_bar >= 1 or rate > 1:
            rows.append({"week": week.start, "rate": rate * 100, "centre": p_bar * 100,
                         "ucl": math.nan, "lcl": math.nan, "out_of_control": False})
            continue
        lcl, ucl = p_chart_limits(p_bar, n)
        out = (binomial_tail(x, n, p_bar) < BINOMIAL_ALPHA if n * p_bar < SMALL_EXPECTED
               else rate > ucl)
        rows.append({"week": week.start, "rate": rate * 100, "centre": p_bar * 100,
                     "ucl": ucl * 100, "lcl": lcl * 100, "out_of_control": bool(out)})
    return pd.DataFrame(rows).set_index("week")

