"""The process state: each Deps has its own, every cache is bounded, and reset forgets all."""

from __future__ import annotations

import pandas as pd

from metrics.chart_output import spare_count
from metrics.chart_stamps import kept_texts
from metrics.charts import hours_chart
from ritual.deps import Deps
from ritual.process_state import MAX_ADMINS, MAX_PERMALINKS, ProcessState


def test_each_deps_has_its_own_state():
    first, second = Deps(db=None), Deps(db=None)  # type: ignore[arg-type]
    first.state.permalinks[("C1", "1.0")] = "https://example.slack.com/p1"
    assert ("C1", "1.0") not in second.state.permalinks


def test_the_caches_keep_at_most_their_maximum_and_forget_the_least_used_first():
    state = ProcessState()
    for number in range(MAX_PERMALINKS + 10):
        state.permalinks[("C1", str(number))] = f"link {number}"
    for number in range(MAX_ADMINS + 1):
        state.admins[("T1", f"U{number}")] = (False, None)
    assert len(state.permalinks) == MAX_PERMALINKS and len(state.admins) == MAX_ADMINS
    assert ("C1", "0") not in state.permalinks and ("C1", str(MAX_PERMALINKS + 9)) in state.permalinks


def test_reset_forgets_the_caches_and_the_chart_caches():
    state = ProcessState()
    state.permalinks[("C1", "1.0")] = "link"
    state.admins[("T1", "U1")] = (True, None)
    weeks = pd.date_range("2026-01-05", periods=3, freq="W-MON").date
    hours_chart(pd.DataFrame({"ops": [1.0, 2.0, 3.0]}, index=weeks), lang="en")
    assert spare_count() > 0
    state.reset()
    assert len(state.permalinks) == len(state.admins) == 0
    assert spare_count() == 0 and kept_texts() == 0
