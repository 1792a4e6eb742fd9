"""Experiments judged on weekly values: a robust shift, trend-aware, ratios of counts as binomials."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from metrics.effect_stats import ALPHA, dispersion, pseudo_median, segmented_fit, shift_interval, trend_p
from metrics.vocabulary import KPI_WINDOWS, MAP_KPIS, TEXT_KPIS

MIN_WEEKS = 3
MAX_WEEKS_BEFORE = 12
TREND_P = 0.20  # plain KPIs: a pre-trend this likely also needs the segmented regression
COUNT_TREND_P = 0.05  # ratios of counts: a pre-trend this likely makes the experiment not judgeable
MAX_TREND_DRIFT = 0.5  # extrapolating a trend further than ±50 % of the level is not believable
MIN_EFFECT_PCT = 2.0  # without an expected size, effects below 2 % count as "no effect"
MAX_WEEKS_NEEDED = 52
DRAWS = 4000
SEED = 20260907
VERDICTS = ("confirmed", "refuted", "too_early", "not_judgeable")


@dataclass(frozen=True)
class CountKpi:
    """A KPI that is a ratio of weekly counts: events / trials × scale."""

    events: str
    trials: str
    scale: float = 100.0
    complement: bool = False  # the KPI counts trials − events (on time = deliveries − late ones)
    poisson: bool = False  # events may exceed trials (tickets per 100 orders)


COUNT_KPIS: dict[str, CountKpi] = {
    "error_rate_per_100": CountKpi("errors", "orders"),
    "tickets_per_100": CountKpi("tickets", "orders", poisson=True),
    "ctr_pct": CountKpi("clicks", "impressions"),
    "response_rate_pct": CountKpi("responses", "sent"),
    "on_time_delivery_pct": CountKpi("late_deliveries", "deliveries", complement=True),
    "conversion_rate_pct": CountKpi("orders", "sessions"),
    "return_rate_pct": CountKpi("returns", "orders", poisson=True),
    "repurchase_rate_pct": CountKpi("repeat_orders", "orders"),
    # per cohort of first orders (a row per month): customers back in the month after the first
    "retention_m1_pct": CountKpi("returned", "customers"),
}
COHORT_KPIS = ("retention_m1_pct",)
EXPERIMENT_KPIS: tuple[str, ...] = tuple(
    key for key, window in KPI_WINDOWS.items()
    if window == "week" and key not in MAP_KPIS and key not in TEXT_KPIS) + (
    "repurchase_rate_pct", *COHORT_KPIS)


@dataclass(frozen=True)
class ExperimentResult:
    kpi: str
    direction: str
    expected_effect_pct: float | None
    since: date
    verdict: str
    reason: str | None = None
    weeks_before: int = 0
    weeks_after: int = 0
    before: float | None = None
    after: float | None = None
    effect_pct: float | None = None
    interval_pct: tuple[float, float] | None = None
    weeks_needed: int | None = None
    method: str | None = None  # "level", "trend" (segmented regression) or "counts"

    def as_json(self) -> dict:
        """The fields of KPIS.md's `experiments` entries (id, hypothesis, person_verdict added later)."""
        data = asdict(self)
        data.pop("method")
        data["since"] = self.since.isoformat()
        for key, digits in (("before", 2), ("after", 2), ("effect_pct", 1)):
            data[key] = None if data[key] is None else round(data[key], digits)
        data["interval_pct"] = None if self.interval_pct is None else [
            round(value, 1) for value in self.interval_pct]
        return data


Estimate = tuple[str, float, float, float, float, float]  # method, before, after, effect, low, high


def _relative(method: str, level: float, shift: float, low: float, high: float) -> Estimate | str:
    """A shift in the KPI's units as an effect in % of the before level."""
    if level == 0:
        return "before_level_zero"
    scale = 100 / abs(level)
    relative = (shift * scale, low * scale, high * scale)
    if not all(math.isfinite(value) for value in relative):  # a level too close to 0 to divide by
        return "before_level_zero"
    return method, level, level + shift, *relative


def _plain(frame: pd.DataFrame, kpi: str) -> Estimate | str:
    """A plain KPI's effect: a robust level shift; with a pre-trend, the step over it; or a reason."""
    values, weeks = frame[kpi].to_numpy(float), frame.offset.to_numpy(float)
    before, after = values[weeks < 0], values[weeks >= 0]
    level = pseudo_median(before)
    found = _relative("level", level, *shift_interval(before, after))
    if isinstance(found, str) or trend_p(before) >= TREND_P:
        return found
    step, low, high, slope, counterfactual = segmented_fit(weeks, values, (weeks >= 0).astype(float))
    drift = abs(slope) * (weeks[weeks >= 0].mean() - weeks[weeks < 0].mean())
    if drift > MAX_TREND_DRIFT * abs(level) or counterfactual * level <= 0:
        return "pre_trend_too_steep"
    trend = _relative("trend", counterfactual, step, low, high)
    # The verdict must hold both against the before level and against the extrapolated trend.
    return (*trend[:4], min(trend[4], found[4]), max(trend[5], found[5]))


def _counts(frame: pd.DataFrame, spec: CountKpi) -> Estimate | str:
    """Before and after rate, relative effect and its 90 % interval from a Jeffreys posterior."""
    trials = frame[spec.trials].to_numpy(float)
    events = frame[spec.events].to_numpy(float)
    events = np.maximum(trials - events if spec.complement else events, 0)
    poisson = spec.poisson or bool((events > trials).any())
    is_after = frame.offset.to_numpy() >= 0
    periods = [(events[~is_after], trials[~is_after]), (events[is_after], trials[is_after])]
    if periods[0][0].sum() <= 0:
        return "before_level_zero"
    if trend_p(periods[0][0] / periods[0][1]) < COUNT_TREND_P:
        return "pre_trend_too_steep"
    phi = dispersion(periods, poisson)
    rng = np.random.default_rng(SEED)
    draws = []
    for x, n in ((p[0].sum() / phi, p[1].sum() / phi) for p in periods):
        draws.append(rng.gamma(x + 0.5, 1 / n, DRAWS) if poisson else rng.beta(x + 0.5, n - x + 0.5, DRAWS))
    low, mid, high = (np.quantile(draws[1] / draws[0], [ALPHA / 2, 0.5, 1 - ALPHA / 2]) - 1) * 100
    rates = [p[0].sum() / p[1].sum() * spec.scale for p in periods]
    return "counts", rates[0], rates[1], float(mid), float(low), float(high)


def _weeks_needed(effect: float, low: float, high: float, relevant: float,
                  weeks: tuple[int, int]) -> int | None:
    """More weeks until a decision, the interval shrinking like √(1/before + 1/after); None: not in sight."""
    before, after = weeks
    shares = [relevant / (high - low)]  # narrower than the relevant size: 0 and it cannot both fit
    if effect > 0:
        shares.append(effect / (effect - low))  # the estimate stays and the interval clears 0
    if effect < relevant:
        shares.append((relevant - effect) / (high - effect))  # ... or drops below the relevant size
    found = []
    for share in shares:
        target = share**2 * (1 / before + 1 / after) - 1 / before
        if target > 0 and math.isfinite(target):
            found.append(max(1, math.ceil(1 / target) - after))
    return min(found) if found and min(found) <= MAX_WEEKS_NEEDED else None


def _verdict(effect: float, low: float, high: float, direction: str, expected: float | None,
             weeks: tuple[int, int]) -> tuple[str, int | None, str | None]:
    """Verdict, weeks needed and reason code from the effect and its interval (in %)."""
    if direction == "down":
        effect, low, high = -effect, -high, -low
    relevant = expected or MIN_EFFECT_PCT
    if low > 0 and (expected is None or high >= expected):
        return "confirmed", None, None
    if high < relevant:
        reason = "opposite_effect" if high < 0 else "smaller_than_expected" if low > 0 else "no_effect"
        return "refuted", None, reason
    needed = _weeks_needed(effect, low, high, relevant, weeks)
    return "too_early", needed, None if needed else "no_decision_in_sight"


def _window(weekly: pd.DataFrame, columns: list[str], since: date, until: date | None) -> pd.DataFrame:
    """The rows with all columns recorded, with their week offset from the start week."""
    frame = weekly[columns].apply(pd.to_numeric, errors="coerce").dropna()
    start = np.datetime64(since - timedelta(days=since.weekday()), "D")
    days = pd.to_datetime(pd.Index(frame.index)).to_numpy().astype("datetime64[D]")
    frame = frame.assign(offset=(days - start).astype(int) // 7)
    last = math.inf if until is None else (until - since + timedelta(days=since.weekday())).days // 7
    return frame[(frame.offset >= -MAX_WEEKS_BEFORE) & (frame.offset <= last)].sort_values("offset")


def judge_experiment(kpi: str, direction: str, since: date, weekly: pd.DataFrame,
                     expected_effect_pct: float | None = None, until: date | None = None
                     ) -> ExperimentResult:
    """Judge one experiment on weekly data (index: week start; the KPI's column, or its counts)."""
    expected = None if expected_effect_pct is None else abs(float(expected_effect_pct))
    base = {"kpi": kpi, "direction": direction, "expected_effect_pct": expected, "since": since}
    spec = COUNT_KPIS.get(kpi)
    columns = [spec.events, spec.trials] if spec else [kpi]
    if any(column not in weekly.columns for column in columns):
        return ExperimentResult(**base, verdict="not_judgeable", reason="kpi_not_recorded")
    frame = _window(weekly, columns, since, until)
    if spec:
        frame = frame[frame[spec.trials] > 0]
    counts = {"weeks_before": int((frame.offset < 0).sum()), "weeks_after": int((frame.offset >= 0).sum())}
    reason = ("kpi_not_recorded" if frame.empty else "too_few_weeks_before"
              if counts["weeks_before"] < MIN_WEEKS else "too_few_weeks_after"
              if counts["weeks_after"] < MIN_WEEKS else None)
    if reason:
        return ExperimentResult(**base, **counts, verdict="not_judgeable", reason=reason)
    found = _counts(frame, spec) if spec else _plain(frame, kpi)
    if isinstance(found, str):
        return ExperimentResult(**base, **counts, verdict="not_judgeable", reason=found)
    method, before, after, effect, low, high = found
    verdict, needed, why = _verdict(effect, low, high, direction, expected,
                                    (counts["weeks_before"], counts["weeks_after"]))
    return ExperimentResult(**base, **counts, verdict=verdict, reason=why, before=float(before),
                            after=float(after), effect_pct=float(effect),
                            interval_pct=(float(low), float(high)), weeks_needed=needed, method=method)
