"""Calibrate the change-point penalty on synthetic 26-week series (seeded, so the figures repeat).

    .venv/bin/python -m bench.changepoint_calibration [RUNS]
For each penalty: the false-bend rate on pure noise, and for steps of 1.5–3 σ (the new level lasting
at least 3 weeks, at least 3 weeks before it) how often a bend is found within ±1 week. Also the
oracle bound: the best single split with σ known, thresholded for the same false-bend rate.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from metrics.changepoints import MIN_SEGMENT, PENALTY, WINDOW_WEEKS, find_change_points

SEED = 26
STEPS = (1.5, 2.0, 2.5, 3.0)
PENALTIES = (6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0)
TARGET_FALSE = 0.10


def noise_series(rng: np.random.Generator, runs: int) -> np.ndarray:
    """Pure noise: `runs` series of 26 weeks, σ = 1."""
    return rng.normal(size=(runs, WINDOW_WEEKS))


def step_series(rng: np.random.Generator, runs: int, step: float) -> tuple[np.ndarray, np.ndarray]:
    """Noise plus a step of `step` σ at a random week with ≥ 3 weeks on either side."""
    series = rng.normal(size=(runs, WINDOW_WEEKS))
    bends = rng.integers(MIN_SEGMENT, WINDOW_WEEKS - MIN_SEGMENT + 1, size=runs)
    signs = rng.choice([-1.0, 1.0], size=runs)
    for row, (bend, sign) in enumerate(zip(bends, signs, strict=True)):
        series[row, bend:] += sign * step
    return series, bends


def false_rate(series: np.ndarray, penalty: float) -> float:
    return float(np.mean([bool(find_change_points(list(row), penalty=penalty)) for row in series]))


def hit_rate(series: np.ndarray, bends: np.ndarray, penalty: float) -> tuple[float, float]:
    """Share with a bend within ±1 week of the true one, and share with any bend at all."""
    near = found = 0
    for row, bend in zip(series, bends, strict=True):
        weeks = [change.index for change in find_change_points(list(row), penalty=penalty)]
        found += bool(weeks)
        near += any(abs(week - bend) <= 1 for week in weeks)
    return near / len(series), found / len(series)


def best_split(row: np.ndarray) -> tuple[float, int]:
    """The largest drop in squared error from one split (σ = 1 known) and where it is."""
    sums, n = np.cumsum(row), len(row)
    splits = np.arange(MIN_SEGMENT, n - MIN_SEGMENT + 1)
    left = sums[splits - 1] / splits
    right = (sums[-1] - sums[splits - 1]) / (n - splits)
    gains = splits * (n - splits) / n * (left - right) ** 2
    return float(gains.max()), int(splits[gains.argmax()])


def oracle(noise: np.ndarray, steps: dict[float, tuple[np.ndarray, np.ndarray]]) -> None:
    """What no detector can beat much: a known σ and one split, at the same false-bend rate."""
    threshold = float(np.quantile([best_split(row)[0] for row in noise], 1 - TARGET_FALSE))
    print(f"\noracle (σ known, best single split, threshold {threshold:.2f} = "
          f"{TARGET_FALSE:.0%} false bends):")
    for step, (series, bends) in steps.items():
        splits = [best_split(row) for row in series]
        near = np.mean([gain > threshold and abs(at - bend) <= 1
                        for (gain, at), bend in zip(splits, bends, strict=True)])
        located = np.mean([abs(at - bend) <= 1 for (_, at), bend in zip(splits, bends, strict=True)])
        print(f"  step {step:.1f} σ: found within ±1 week {near:6.1%}   "
              f"(best split within ±1 week at all: {located:6.1%})")


def main(runs: int = 500) -> None:
    rng = np.random.default_rng(SEED)
    noise = noise_series(rng, runs)
    steps = {step: step_series(rng, runs, step) for step in STEPS}
    print(f"{runs} runs per cell, 26 weeks, noise σ = 1, Pelt l2 min_size {MIN_SEGMENT}; "
          f"chosen penalty {PENALTY}")
    header = "".join(f"  {step:.1f}σ ±1w (any)" for step in STEPS)
    print(f"{'penalty':>8} {'false':>7}{header}")
    for penalty in PENALTIES:
        cells = "".join("  {:5.1%} ({:5.1%})".format(*hit_rate(*steps[step], penalty)) for step in STEPS)
        mark = " <- chosen" if penalty == PENALTY else ""
        print(f"{penalty:8.1f} {false_rate(noise, penalty):7.1%}{cells}{mark}")
    started = time.perf_counter()
    for row in noise[:200]:
        find_change_points(list(row))
    print(f"\ntime per 26-week series: {(time.perf_counter() - started) / 200 * 1000:.2f} ms")
    oracle(noise, steps)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
