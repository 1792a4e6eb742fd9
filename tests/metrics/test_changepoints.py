"""Change points on synthetic weekly series: calibration at a small run count, gaps, notes."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pytest

from bench.changepoint_calibration import noise_series, step_series
from capture.kpi_words import naming
from metrics.changepoints import (
    ChangePoint,
    NoteRef,
    find_change_points,
    noise_sigma,
    pair_with_notes,
)
from metrics.weeks import IsoWeek

WEEKS = IsoWeek.parse("2026-W47").window(26)


def found_near(series: np.ndarray, bends: np.ndarray) -> float:
    return float(np.mean([any(abs(c.index - bend) <= 1 for c in find_change_points(list(row)))
                          for row, bend in zip(series, bends, strict=True)]))


@pytest.mark.calibration
def test_pure_noise_rarely_has_a_bend():
    noise = noise_series(np.random.default_rng(101), 200)
    false = np.mean([bool(find_change_points(list(row))) for row in noise])
    assert false <= 0.10


@pytest.mark.calibration
@pytest.mark.parametrize(("step", "at_least"), [(3.0, 0.90), (2.0, 0.60), (1.5, 0.35)])
def test_steps_are_found_within_one_week(step, at_least):
    series, bends = step_series(np.random.default_rng(202), 100, step)
    assert found_near(series, bends) >= at_least


def test_a_clear_step_has_its_week_and_levels():
    rng = np.random.default_rng(3)
    values = list(27.9 + rng.normal(0, 0.2, 26))
    values[17:] = [v - 1.2 for v in values[17:]]
    [change] = find_change_points(values, WEEKS)
    assert change.index == 17 and change.week == WEEKS[17]
    assert change.before == pytest.approx(27.9, abs=0.15)
    assert change.after == pytest.approx(26.7, abs=0.15)


def test_gaps_are_skipped_and_indices_refer_to_the_input():
    values: list[float | None] = [10.0] * 14 + [14.0] * 12
    values = [v + 0.3 * math.sin(i * 1.7) for i, v in enumerate(values)]
    values[3], values[15] = None, math.nan
    [change] = find_change_points(values, WEEKS)
    assert change.index == 14 and change.week == WEEKS[14]


def test_only_the_last_26_weeks_count():
    values = [50.0] * 10 + [10.0 + 0.2 * math.sin(i) for i in range(26)]
    assert find_change_points(values) == []
    values[-5:] = [v + 5 for v in values[-5:]]
    [change] = find_change_points(values)
    assert change.index == 31 and change.week == 31


@pytest.mark.parametrize("values", [[], [1.0] * 26, [None] * 26, [1.0, 2.0, 3.0], [5.0] * 13 + [6.0] * 13])
def test_short_constant_and_empty_series(values):
    changes = find_change_points(values)
    assert changes == [] or [c.index for c in changes] == [13]


def test_noise_sigma_ignores_a_step_and_an_outlier():
    rng = np.random.default_rng(5)
    values = rng.normal(0, 1, 26)
    values[13:] += 4
    values[6] += 12
    assert noise_sigma(values) == pytest.approx(1, abs=0.4)


def test_bends_are_paired_with_notes_of_their_week_plus_minus_one_nearest_first():
    change = ChangePoint(index=20, week=WEEKS[20], before=27.9, after=26.7)
    lonely = ChangePoint(index=8, week=WEEKS[8], before=1.0, after=2.0)
    notes = [(1, WEEKS[21], "price change"), (2, WEEKS[20], "supplier late"),
             (3, WEEKS[22], "too far"), (4, WEEKS[19].start + timedelta(days=3), "midweek note")]
    explained, asked = pair_with_notes("contribution_per_customer_month", [change, lonely], notes)
    assert [note.id for note in explained.notes] == [2, 4, 1]
    assert not explained.question_asked
    assert asked.notes == () and asked.question_asked
    data = explained.as_json()
    assert data == {"kpi": "contribution_per_customer_month", "week": str(WEEKS[20]), "before": 27.9,
                    "after": 26.7,
                    "notes": [{"id": 2, "number": None, "week": str(WEEKS[20]), "text": "supplier late"},
                              {"id": 4, "number": None, "week": str(WEEKS[19]), "text": "midweek note"},
                              {"id": 1, "number": None, "week": str(WEEKS[21]), "text": "price change"}],
                    "candidates": [], "question_asked": False}


def test_dates_and_iso_weeks_pair_alike():
    monday = date(2026, 10, 19)
    change = ChangePoint(index=0, week=monday, before=1.0, after=2.0)
    [explained] = pair_with_notes("revenue", [change], [(9, IsoWeek.of(monday).previous(), "x")])
    assert [note.id for note in explained.notes] == [9]


def test_a_bend_is_paired_with_a_note_naming_its_kpi_over_a_nearer_note_that_does_not():
    change = ChangePoint(index=20, week=WEEKS[20], before=3.1, after=8.3)
    notes = [NoteRef(7, WEEKS[20], "Werbekosten je Neukunde steigen", 5),
             NoteRef(9, WEEKS[21], "Neue Aushilfe: viele falsche Artikel, mehr Nacharbeit", 6)]
    [paired] = pair_with_notes("error_rate_per_100", [change], notes,
                               naming("error_rate_per_100", ["rework"]))
    assert [note.number for note in paired.notes] == [6]
    assert [note.number for note in paired.candidates] == [5]
    assert not paired.question_asked


def test_a_bend_with_only_unrelated_notes_near_it_has_candidates_not_a_pairing():
    change = ChangePoint(index=20, week=WEEKS[20], before=5107.0, after=5707.0)
    notes = [NoteRef(3, WEEKS[20], "Zapier bucht jetzt jede Bestellung", 2)]
    [paired] = pair_with_notes("revenue", [change], notes, naming("revenue"))
    assert paired.notes == () and [n.number for n in paired.candidates] == [2]
    assert not paired.question_asked
    assert paired.as_json()["candidates"][0]["number"] == 2


def test_a_one_week_spike_at_the_end_is_no_bend():
    values = [3.0 + 0.4 * math.sin(i * 1.3) for i in range(25)] + [20.7]
    assert all(c.index != 23 for c in find_change_points(values, WEEKS))


def test_an_answer_in_the_thread_about_the_bends_week_explains_it_whatever_its_words():
    change = ChangePoint(index=20, week=WEEKS[20], before=3554.0, after=5107.0)
    answer = NoteRef(11, WEEKS[20], "Ein Café bestellt jetzt jeden Tag", 9, answer=True)
    elsewhere = NoteRef(12, WEEKS[21], "Ein Café bestellt jetzt jeden Tag", 10, answer=True)
    [paired] = pair_with_notes("revenue", [change], [answer, elsewhere], naming("revenue"))
    assert [note.number for note in paired.notes] == [9]
    assert [note.number for note in paired.candidates] == [10]
