"""Bends in a weekly KPI series (ruptures Pelt, l2 cost on robustly scaled values), and their notes."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import ruptures as rpt
from scipy.stats import norm

from metrics.weeks import IsoWeek

WINDOW_WEEKS = 26
MIN_SEGMENT = 3  # a new level must last at least 3 weeks
MIN_POINTS = 2 * MIN_SEGMENT + 2
PENALTY = 9.0  # calibrated in bench/changepoint_calibration.py (≤ 10 % false bends on pure noise)
KEEP = 0.8  # the noise scale uses the 80 % smallest week-to-week changes (steps and outliers left out)
NOTE_REACH = 1  # a note explains a bend in its week ±1
NAMED_REACH = (1, MIN_SEGMENT - 1)  # a note naming the KPI: a week before to the new level's first weeks
MEDIAN_SHARE = 0.5  # the medians must move with the means by at least half as much: a level, not a spike


@dataclass(frozen=True)
class ChangePoint:
    index: int  # position in the series passed in: the first week of the new level
    week: Hashable  # that week's key as passed in (IsoWeek, date, …)
    before: float  # mean of the segment before the bend
    after: float  # mean of the segment from the bend on


@dataclass(frozen=True)
class NoteRef:
    id: int
    week: Hashable
    text: str
    number: int | None = None  # the note's number in its workspace (1, 2, 3 …)
    answer: bool = False  # a reply in a digest's thread: an answer to that week's question

    def as_json(self) -> dict:
        return {"id": self.id, "number": self.number, "week": week_label(self.week),
                "text": self.text}


@dataclass(frozen=True)
class ExplainedChange:
    kpi: str
    change: ChangePoint
    notes: tuple[NoteRef, ...]  # notes that name the KPI, nearest first
    question_asked: bool  # no note within ±1 week: the digest asks what happened
    candidates: tuple[NoteRef, ...] = ()  # notes near the bend that do not name the KPI

    def as_json(self) -> dict:
        """The shape of KPIS.md's `change_points` entries (with the candidates beside)."""
        return {"kpi": self.kpi, "week": week_label(self.change.week),
                "before": round(self.change.before, 2), "after": round(self.change.after, 2),
                "notes": [note.as_json() for note in self.notes],
                "candidates": [note.as_json() for note in self.candidates],
                "question_asked": self.question_asked}


def week_label(week: Hashable) -> str:
    """'2026-W39' for an IsoWeek or any date in it; other keys as they print."""
    if isinstance(week, date):
        return str(IsoWeek.of(week))
    return str(week)


def _trim_factor(keep: float) -> float:
    """E[d² | d among the `keep` smallest |d|] / σ² for normal d: undoes the trimming's bias."""
    cut = norm.ppf(0.5 + keep / 2)
    return 1 - 2 * cut * norm.pdf(cut) / keep


TRIM_FACTOR = _trim_factor(KEEP)


def noise_sigma(values: np.ndarray) -> float:
    """The weekly noise σ from first differences: trimmed RMS (steps, outliers dropped) / √2."""
    diffs = np.sort(np.abs(np.diff(values)))
    if len(diffs) == 0:
        return 0.0
    kept = diffs[: max(1, int(len(diffs) * KEEP))]
    sigma = math.sqrt(float(np.mean(kept**2)) / TRIM_FACTOR / 2)
    return sigma or math.sqrt(float(np.mean(diffs**2)) / 2)  # piecewise-constant series


def find_change_points(values: Sequence[float | None], weeks: Sequence[Hashable] | None = None,
                       penalty: float = PENALTY, window: int = WINDOW_WEEKS) -> list[ChangePoint]:
    """Level shifts in the last `window` weeks; gaps (None/NaN) are skipped, not filled."""
    start = max(0, len(values) - window)
    series = np.array([math.nan if v is None else float(v) for v in values[start:]], dtype=float)
    keys = list(weeks[start:]) if weeks is not None else list(range(start, len(values)))
    positions = np.flatnonzero(np.isfinite(series))
    observed = series[positions]
    if len(observed) < MIN_POINTS:
        return []
    sigma = noise_sigma(observed)
    if sigma <= 0:
        return []
    scaled = (observed - np.median(observed)) / sigma
    ends = rpt.Pelt(model="l2", min_size=MIN_SEGMENT, jump=1).fit(scaled).predict(pen=penalty)
    bounds = [0, *ends]
    found = []
    for before_start, bend, after_end in zip(bounds, bounds[1:-1], bounds[2:], strict=False):
        if not is_level_shift(observed[before_start:bend], observed[bend:after_end]):
            continue
        found.append(ChangePoint(index=start + int(positions[bend]), week=keys[int(positions[bend])],
                                 before=float(observed[before_start:bend].mean()),
                                 after=float(observed[bend:after_end].mean())))
    return found


def is_level_shift(before: np.ndarray, after: np.ndarray) -> bool:
    """True when most weeks moved, not one: the medians shift with the means, by half as much."""
    shift = float(after.mean() - before.mean())
    median_shift = float(np.median(after) - np.median(before))
    return shift * median_shift > 0 and abs(median_shift) >= MEDIAN_SHARE * abs(shift)


def week_number(week: Hashable) -> int:
    """A running week number for an IsoWeek, a date (its ISO week) or an int (itself)."""
    if isinstance(week, int):
        return week
    day = week.start if hasattr(week, "start") else week
    if not isinstance(day, date):
        raise TypeError(f"not a week: {week!r}")
    return (day.toordinal() - 1) // 7  # day 1 (0001-01-01) was a Monday


def pair_with_notes(kpi: str, changes: Iterable[ChangePoint],
                    notes: Iterable[NoteRef | tuple[int, Hashable, str]],
                    names: Callable[[str], bool] | None = None, reach: int = NOTE_REACH
                    ) -> list[ExplainedChange]:
    """Each bend with the notes that name its KPI (`names`, from a week before to the new level's
    first weeks) or answer its week's question, nearest first; else the notes of its week ±reach
    as candidates; a question where there is none."""
    refs = [note if isinstance(note, NoteRef) else NoteRef(int(note[0]), note[1], note[2])
            for note in notes]
    explained = []
    for change in changes:
        bend = week_number(change.week)
        named, near = [], []
        for ref in refs:
            offset = week_number(ref.week) - bend
            key = (abs(offset), offset, ref.id)
            if names is not None and (ref.answer and offset == 0 or names(ref.text)
                                      and -NAMED_REACH[0] <= offset <= NAMED_REACH[1]):
                named.append((key, ref))
            elif abs(offset) <= reach:
                near.append((key, ref))
        if names is None:
            named, near = near, []
        found = tuple(ref for _, ref in sorted(named, key=lambda item: item[0]))
        candidates = tuple(ref for _, ref in sorted(near, key=lambda item: item[0]))
        explained.append(ExplainedChange(kpi, change, found, question_asked=not found and not candidates,
                                         candidates=candidates))
    return explained
