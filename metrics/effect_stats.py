"""Small-sample effect statistics: exact rank intervals, exact trend test, robust segmented fit."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy.stats import t as student_t

ALPHA = 0.10  # two-sided, so intervals are 90 % intervals
HUBER_K = 1.345


@lru_cache(maxsize=512)
def u_cdf(m: int, n: int) -> np.ndarray:
    """P(U ≤ u) of the Mann–Whitney count under no shift, exactly (a Gaussian binomial)."""
    poly = [1]
    for i in range(1, m + 1):
        grown = poly + [0] * (n + i)
        for u, count in enumerate(poly):
            grown[u + n + i] -= count
        for u in range(i, len(grown)):
            grown[u] += grown[u - i]
        poly = grown[: i * n + 1]
    counts = np.array(poly, dtype=float)
    return np.cumsum(counts) / counts.sum()


def pseudo_median(values: np.ndarray) -> float:
    """The Hodges–Lehmann level: the median of all pairwise means (Walsh averages)."""
    i, j = np.triu_indices(len(values))
    return float(np.median((values[i] + values[j]) / 2))


def shift_interval(before: np.ndarray, after: np.ndarray) -> tuple[float, float, float]:
    """Hodges–Lehmann shift of after over before with its exact 90 % (Moses) permutation interval."""
    diffs = np.sort((after[:, None] - before[None, :]).ravel())
    k = int(np.searchsorted(u_cdf(len(before), len(after)), ALPHA / 2 + 1e-12, side="right"))
    if k == 0:
        return float(np.median(diffs)), -math.inf, math.inf
    return float(np.median(diffs)), float(diffs[k - 1]), float(diffs[len(diffs) - k])


@lru_cache(maxsize=64)
def inversions(n: int) -> np.ndarray:
    """How many orderings of n items have k inversions (Mahonian numbers), k = 0 … n(n−1)/2."""
    counts = np.array([1.0])
    for size in range(2, n + 1):
        counts = np.convolve(counts, np.ones(size))
    return counts


def trend_p(values: np.ndarray) -> float:
    """Two-sided exact p-value of Kendall's test for a monotone trend over time (ties count 0)."""
    n = len(values)
    if n < 3:
        return 1.0
    i, j = np.triu_indices(n, 1)
    score = abs(float(np.sign(values[j] - values[i]).sum()))
    counts = inversions(n)
    scores = np.abs(n * (n - 1) / 2 - 2 * np.arange(len(counts)))
    return float(counts[scores >= score - 1e-9].sum() / counts.sum())


def segmented_fit(weeks: np.ndarray, values: np.ndarray, after: np.ndarray) -> tuple[float, ...]:
    """Huber segmented regression (level, common slope, step): step, its 90 % interval, slope, level."""
    design = np.column_stack([np.ones_like(weeks), weeks, after])
    weights = np.ones(len(values))
    for _ in range(50):
        root = np.sqrt(weights)
        beta = np.linalg.lstsq(design * root[:, None], values * root, rcond=None)[0]
        residuals = values - design @ beta
        scale = 1.4826 * float(np.median(np.abs(residuals))) or 1e-12
        new = np.minimum(1.0, HUBER_K * scale / np.maximum(np.abs(residuals), 1e-300))
        if np.allclose(new, weights, atol=1e-6):
            break
        weights = new
    n, df = len(values), len(values) - 3
    psi = np.clip(residuals / scale, -HUBER_K, HUBER_K)
    inside = max(float((np.abs(residuals / scale) < HUBER_K).mean()), 0.5)
    variance = scale**2 * float(psi @ psi) / df / inside**2 * n / df  # Huber's sandwich, small-n factor
    half = float(student_t.ppf(1 - ALPHA / 2, df)) * math.sqrt(
        variance * float(np.linalg.pinv(design.T @ design)[2, 2]))
    counterfactual = beta[0] + beta[1] * float(weeks[after == 1].mean())
    return float(beta[2]), float(beta[2] - half), float(beta[2] + half), float(beta[1]), counterfactual


def dispersion(periods: list[tuple[np.ndarray, np.ndarray]], poisson: bool) -> float:
    """Overdispersion of weekly counts around each period's pooled rate (Pearson χ²/df, at least 1)."""
    chi2, df = 0.0, 0
    for events, trials in periods:
        rate = events.sum() / trials.sum()
        variance = trials * rate * (1.0 if poisson else 1 - rate)
        ok = variance > 0
        chi2 += float((((events - trials * rate) ** 2)[ok] / variance[ok]).sum())
        df += len(events) - 1
    return max(1.0, chi2 / df) if df > 0 else 1.0


def weekly_metric_sums(metrics: pd.DataFrame, week_starts: list, names: tuple[str, ...]
                       ) -> pd.DataFrame:
    """Per week (index: the Mondays given) the sum of each named metric; NaN where none was
    recorded. `metrics` is the prepared frame: sorted, with a datetime64 `day` column."""
    first = np.datetime64(week_starts[0], "D")
    last = np.datetime64(week_starts[-1], "D") + np.timedelta64(6, "D")
    days = metrics["day"].to_numpy().astype("datetime64[D]")
    lo, hi = np.searchsorted(days, first, side="left"), np.searchsorted(days, last, side="right")
    frame = metrics.iloc[lo:hi]
    frame = frame[frame["metric"].isin(names)]
    offsets = (frame["day"].to_numpy().astype("datetime64[D]") - first).astype(int) // 7
    values = pd.to_numeric(frame["value"], errors="coerce").astype(float).to_numpy()
    sums = pd.DataFrame({"week": offsets, "metric": frame["metric"].to_numpy(), "value": values})
    table = sums.pivot_table(index="week", columns="metric", values="value", aggfunc="sum")
    table = table.reindex(index=range(len(week_starts)), columns=list(names))
    table.index = list(week_starts)
    return table
