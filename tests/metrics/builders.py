"""Building metrics Inputs in tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd

from metrics.frames import COST_COLUMNS, HOURS_COLUMNS, METRIC_COLUMNS, NOTE_COLUMNS, Inputs


def make_inputs(costs=(), hours=(), metrics=(), notes=()) -> Inputs:
    """costs: (day, amount, class[, channel[, every]]); hours: (day, hours, activity[, channel]);
    metrics: (day, metric, value[, channel[, cause]])."""
    cost_rows = [{"occurred_on": c[0], "amount": Decimal(str(c[1])), "category": c[2],
                  "cost_class": c[2], "channel": c[3] if len(c) > 3 else None,
                  "every": c[4] if len(c) > 4 else None} for c in costs]
    hour_rows = [{"occurred_on": h[0], "hours": Decimal(str(h[1])), "activity": h[2],
                  "channel": h[3] if len(h) > 3 else None} for h in hours]
    metric_rows = [{"occurred_on": m[0], "metric": m[1], "value": Decimal(str(m[2])),
                    "channel": m[3] if len(m) > 3 else None,
                    "cause": m[4] if len(m) > 4 else None} for m in metrics]
    note_rows = [{"occurred_on": n[0], "kind": n[1], "text": n[2], "author": None} for n in notes]
    return Inputs(pd.DataFrame(cost_rows, columns=COST_COLUMNS),
                  pd.DataFrame(hour_rows, columns=HOURS_COLUMNS),
                  pd.DataFrame(metric_rows, columns=METRIC_COLUMNS),
                  pd.DataFrame(note_rows, columns=NOTE_COLUMNS))


MONDAY = date(2026, 11, 16)
