"""Imported export rows as the metric and cost rows the KPIs read (added to the entries)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy.orm import Session

from capture.imports.weekly import cost_rows, day_figures, metric_rows, revenue_family
from capture.vocabulary import category_and_class
from metrics.frames import COST_COLUMNS, METRIC_COLUMNS
from storage.imported_rows import day_totals, families
from storage.workspaces import category_classes


def imported_frames(session: Session, workspace_id: str, since: date | None = None,
                    until: date | None = None, present: set[str] | None = None
                    ) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """(metrics, costs) derived from the workspace's imported rows (days from `since` up to
    `until`; `present`: its families, when known); None when it has none."""
    present = families(session, workspace_id) if present is None else present
    if not present:
        return None
    days = day_figures(day_totals(session, workspace_id, since, until), revenue_family(present))
    classes = category_classes(session, workspace_id)
    costs = cost_rows(days, lambda category: category_and_class(category, classes)[1])
    return (pd.DataFrame(metric_rows(days), columns=METRIC_COLUMNS),
            pd.DataFrame(costs, columns=COST_COLUMNS))


def with_imported(frame: pd.DataFrame, imported: pd.DataFrame) -> pd.DataFrame:
    """Entries and imported rows in one frame, by day (entries first within a day)."""
    if imported.empty:
        return frame
    if frame.empty:
        return imported.reset_index(drop=True)
    joined = pd.concat([frame, imported[frame.columns]], ignore_index=True)
    return joined.sort_values("occurred_on", kind="stable").reset_index(drop=True)
