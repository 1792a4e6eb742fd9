"""Week totals as plain JSON (kept per workspace and week), and inputs made of such weeks only."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, timedelta
from decimal import Decimal

import pandas as pd

from metrics.frames import COST_COLUMNS, HOURS_COLUMNS, METRIC_COLUMNS, NOTE_COLUMNS, Inputs
from metrics.totals import Totals

# What a week's totals hold regardless of the rest of the history: `errors_tracked` depends on
# the first errors entry ever (read with the weeks), `days` only matters for windows.
NOT_KEPT = ("errors_tracked", "days")
MAPS = ("costs", "costs_by_channel", "hours_by_activity", "hours_by_channel", "sums", "levels",
        "medians", "revenue_by_channel", "errors_by_cause")


def totals_json(totals: Totals) -> dict:
    """A week's totals as JSON-safe values (decimals as exact strings)."""
    data = {}
    for name in (each.name for each in fields(Totals) if each.name not in NOT_KEPT):
        value = getattr(totals, name)
        if isinstance(value, dict):
            value = {key: str(amount) for key, amount in value.items()}
        elif value is not None:
            value = str(value)
        data[name] = value
    return data


def totals_from_json(data: dict) -> Totals:
    """The totals `totals_json` wrote."""
    values = {}
    for name, value in data.items():
        if isinstance(value, dict):
            value = {key: Decimal(amount) for key, amount in value.items()}
        elif value is not None and name not in MAPS:
            value = Decimal(value)
        values[name] = value
    return Totals(**values)


class WeekTotalsInputs(Inputs):
    """Inputs known only as the totals of whole weeks: everything computed on week totals (the
    window KPIs, recorded weeks, a week's gaps) works; anything else raises LookupError."""

    def __init__(self, weeks: dict[date, Totals], errors_since: date | None) -> None:
        super().__init__(pd.DataFrame(columns=COST_COLUMNS), pd.DataFrame(columns=HOURS_COLUMNS),
                         pd.DataFrame(columns=METRIC_COLUMNS), pd.DataFrame(columns=NOTE_COLUMNS),
                         errors_since)
        for start, totals in weeks.items():
            end = start + timedelta(days=6)
            tracked = errors_since is not None and errors_since <= end
            self._prepared[("totals", start, end)] = replace(totals, errors_tracked=tracked)

    def first_errors_on(self) -> date | None:
        return self.errors_since

    def prepared(self, name: str) -> pd.DataFrame:
        raise LookupError(f"only week totals are known here, not the rows of {name!r}")
