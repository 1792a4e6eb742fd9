"""Drift tests: p-chart with an exact binomial tail, EWMA, and payback ceiling and trend."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

import pandas as pd
from babel.numbers import format_decimal
from scipy.special import bdtrc

from metrics.frames import Inputs
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


@dataclass(frozen=True)
class DriftVerdict:
    kind: str
    fired: bool | None
    observed: float | None
    expected: float | None
    limit: float | None
    baseline_weeks: int
    top_cause: str | None
    reason: str
    reason_de: str


def german(value: float, digits: int = 1) -> str:
    """A number in German notation for the German reasons."""
    return format_decimal(value, format="#,##0." + "0" * digits, locale="de_DE")


def probability(value: float) -> str:
    return "< 0.0001" if value < 0.0001 else f"{value:.4f}"


def binomial_tail(x: float, n: float, p: float) -> float:
    """P(X ≥ x) for X ~ Binomial(n, p), exactly (scipy's regularised incomplete beta)."""
    return 1.0 if x <= 0 else float(bdtrc(x - 1, int(n), p))


def p_chart_limits(p_bar: float, n: float, sigma: float = SIGMA) -> tuple[float, float]:
    """Lower and upper control limits of a p-chart for a sample of n (lower clipped at 0)."""
    spread = sigma * math.sqrt(p_bar * (1 - p_bar) / n)
    return max(0.0, p_bar - spread), p_bar + spread


def weekly_counts(inputs: Inputs, weeks: list[IsoWeek]) -> pd.DataFrame:
    """Errors and orders per week; NaN where either is unknown. A week with orders and no
    errors entry has 0 errors once the workspace tracks errors (KPIS.md, zero-error weeks)."""
    rows = []
    for week in weeks:
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


def _no_verdict(kind: str, used: int, en: str, de: str) -> DriftVerdict:
    return DriftVerdict(kind, None, None, None, None, used, None, en, de)


def error_rate_verdicts(inputs: Inputs, week: IsoWeek) -> list[DriftVerdict]:
    """The p-chart (with binomial tail for small counts) and the EWMA verdict for a week."""
    counts = weekly_counts(inputs, week.window(BASELINE_WEEKS * 3 + 1))
    baseline = _baseline(counts)
    current = counts.iloc[-1]
    used = len(baseline)
    if used < MIN_BASELINE:
        en = (f"only {used} of the last weeks have orders and errors recorded; "
              f"{MIN_BASELINE} are needed")
        de = f"erst {used} Wochen mit Bestellungen und Fehlern erfasst; nötig sind {MIN_BASELINE}"
        return [_no_verdict("error_rate", used, en, de), _no_verdict("error_rate_ewma", used, en, de)]
    if math.isnan(current["errors"]):
        en, de = "no orders or errors recorded this week", "diese Woche keine Bestellungen/Fehler erfasst"
        return [_no_verdict("error_rate", used, en, de), _no_verdict("error_rate_ewma", used, en, de)]
    p_bar = baseline["errors"].sum() / baseline["orders"].sum()
    if p_bar >= 1 or current["errors"] > current["orders"]:
        en = ("more errors than orders are recorded, so the error rate cannot be judged as a "
              "share of orders (record errors per order, e.g. cause:rework)")
        de = ("es sind mehr Fehler als Bestellungen erfasst; so lässt sich die Fehlerquote nicht "
              "als Anteil der Bestellungen beurteilen")
        return [_no_verdict("error_rate", used, en, de), _no_verdict("error_rate_ewma", used, en, de)]
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
        en = (f"{int(x)} errors in {int(n)} orders; at the usual rate of {p_bar * 100:.1f} per 100 "
              f"that happens with probability {probability(tail)} (alert below {BINOMIAL_ALPHA})")
        de_tail = probability(tail).replace(".", ",")
        de = (f"{int(x)} Fehler bei {int(n)} Bestellungen; bei der üblichen Quote von "
              f"{german(p_bar * 100)} je 100 ist das nur mit Wahrscheinlichkeit {de_tail} zu erwarten "
              f"(Alarm unter 0,00135)")
    else:
        fired = rate > ucl
        where_en = "above" if fired else "within"
        where_de = "über" if fired else "innerhalb"
        en = (f"{rate * 100:.1f} errors per 100 orders is {where_en} the control limit of "
              f"{ucl * 100:.1f} (usual {p_bar * 100:.1f}, from {used} weeks)")
        de = (f"{german(rate * 100)} Fehler je 100 Bestellungen liegt {where_de} der Kontrollgrenze "
              f"{german(ucl * 100)} (üblich {german(p_bar * 100)}, aus {used} Wochen)")
    if fired and cause:
        en, de = f"{en}; top cause: {cause}", f"{de}; häufigste Ursache: {cause}"
    return DriftVerdict("error_rate", bool(fired), **figures, baseline_weeks=used,
                        top_cause=cause, reason=en, reason_de=de)


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
    en = (f"the smoothed error rate (EWMA) is {z * 100:.1f} per 100, "
          f"{'above' if fired else 'within'} its limit of {limit * 100:.1f}: "
          f"{'errors are creeping up' if fired else 'no slow drift'}")
    de = (f"die geglättete Fehlerquote (EWMA) liegt bei {german(z * 100)} je 100, "
          f"{'über' if fired else 'innerhalb'} ihrer Grenze {german(limit * 100)}: "
          f"{'die Fehler nehmen schleichend zu' if fired else 'keine schleichende Drift'}")
    return DriftVerdict("error_rate_ewma", bool(fired), round(z * 100, 2), round(p_bar * 100, 2),
                        round(limit * 100, 2), used, cause if fired else None, en, de)


def payback_verdict(series: list[float | None], new_customers_t4w: Decimal | None,
                    ceiling: float) -> DriftVerdict:
    """Ceiling or trend test on the weekly payback series (oldest first, this week last)."""
    if new_customers_t4w is None or new_customers_t4w < MIN_NEW_CUSTOMERS:
        count = 0 if new_customers_t4w is None else int(new_customers_t4w)
        return _no_verdict(
            "payback", 0,
            f"only {count} new customers in the last 4 weeks; {MIN_NEW_CUSTOMERS} are needed",
            f"nur {count} Neukunden in den letzten 4 Wochen; nötig sind {MIN_NEW_CUSTOMERS}")
    current = series[-1]
    if current is None:
        return _no_verdict("payback", 0, "payback could not be computed this week",
                           "Payback ließ sich diese Woche nicht berechnen")
    before = [v for v in series[-1 - BASELINE_WEEKS:-1] if v is not None]
    typical = median(before) if before else None
    recent = series[-1 - PAYBACK_RISE_WEEKS:]
    rising = len(recent) == PAYBACK_RISE_WEEKS + 1 and None not in recent and all(
        b > a for a, b in zip(recent, recent[1:], strict=False))
    trend = rising and typical is not None and current >= typical * PAYBACK_RISE
    if current > ceiling:
        en = f"payback of {current:.1f} months is above the ceiling of {ceiling:.0f} months"
        de = f"Payback von {german(current)} Monaten liegt über der Obergrenze von {ceiling:.0f} Monaten"
        limit, fired = ceiling, True
    elif trend:
        en = (f"payback rose in each of the last {PAYBACK_RISE_WEEKS} weeks to {current:.1f} "
              f"months, {(current / typical - 1) * 100:.0f} % above its 12-week median of "
              f"{typical:.1f}")
        de = (f"Payback ist {PAYBACK_RISE_WEEKS} Wochen in Folge gestiegen, auf {german(current)} "
              f"Monate – {(current / typical - 1) * 100:.0f} % über dem 12-Wochen-Median von "
              f"{german(typical)}")
        limit, fired = typical * PAYBACK_RISE, True
    else:
        en = f"payback of {current:.1f} months is below the ceiling and not trending up"
        de = f"Payback von {german(current)} Monaten liegt unter der Obergrenze, ohne Aufwärtstrend"
        limit, fired = ceiling, False
    return DriftVerdict("payback", fired, round(current, 2),
                        None if typical is None else round(typical, 2), round(limit, 2),
                        len(before), None, en, de)


def error_rate_control(inputs: Inputs, weeks: list[IsoWeek]) -> pd.DataFrame:
    """Per week: rate, centre, ucl, lcl (per 100) and out_of_control, against the last week's
    baseline; for the control chart."""
    history = weekly_counts(inputs, weeks[0].window(BASELINE_WEEKS + 1)[:-1] + list(weeks))
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

