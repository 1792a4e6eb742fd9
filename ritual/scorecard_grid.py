"""The trailing 13-week scorecard: one row per KPI, one cell per week, as plain data.

Each week is judged against the goal in force that week (goals are dated); the current week's
missing inputs come with who usually records them; posted digests are listed by week.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from metrics.cohorts import Cohort, build_cohorts
from metrics.frames import Inputs
from metrics.goals import goal_in_force, goal_status
from metrics.kept_totals import WeekTotalsInputs
from metrics.report import json_value, missing_inputs, weekly_kpis, weekly_weeks_used
from metrics.totals import window_totals
from metrics.weeks import IsoWeek
from ritual.context import local_now, read_workspace
from ritual.deps import Deps
from ritual.digest_data import DEFAULT_SCORECARD, kpi_settings
from ritual.goal_weeks import goal_timelines_of
from ritual.owners import owners_of
from storage.customer_orders import load_orders
from storage.db import Database
from storage.frames import load_inputs
from storage.models import Digest, Workspace
from storage.own_metrics import own_metrics_of
from storage.owners import explicit_owners, paused_weeks
from storage.weekly_inputs import kept_weeks

GRID_WEEKS = 13
GRID_ROWS = 25
LOOKBACK_WEEKS = 51  # the longest KPI window (t52w) reaches this far before the first week


@dataclass(frozen=True)
class GridCell:
    week: IsoWeek
    value: float | None
    target: Decimal | None
    status: str | None  # green, yellow, red; None without a goal or a value
    paused: bool = False  # a paused week: no value, not a gap
    weeks_used: int | None = None  # window KPIs: the recorded weeks of the window
    incomplete: bool = False  # a window KPI with under half its weeks recorded: no value yet


@dataclass(frozen=True)
class GridRow:
    kpi: str
    cells: list[GridCell]


@dataclass(frozen=True)
class DigestRef:
    week: IsoWeek
    channel: str
    ts: str


@dataclass
class TrailingGrid:
    """The scorecard of the weeks up to `current` (the running week), oldest first."""

    workspace: Workspace
    weeks: list[IsoWeek]
    rows: list[GridRow]
    missing: list[tuple[str, str | None]] = field(default_factory=list)
    digests: list[DigestRef] = field(default_factory=list)
    own: dict[str, tuple[str, str]] = field(default_factory=dict)  # own metric: (label, unit)
    cohorts: list[Cohort] = field(default_factory=list)  # of orders, for the repeat purchases

    @property
    def current(self) -> IsoWeek:
        return self.weeks[-1]

    def to_json_dict(self) -> dict:
        return {
            "workspace": self.workspace.id, "weeks": [str(w) for w in self.weeks],
            "rows": [{"kpi": row.kpi, "cells": [
                {"week": str(c.week), "value": None if c.value is None else json_value(c.value),
                 "target": json_value(c.target), "status": c.status, "paused": c.paused,
                 "weeks_used": c.weeks_used, "incomplete": c.incomplete}
                for c in row.cells]}
                for row in self.rows],
            "missing": [{"input": name, "owner": owner} for name, owner in self.missing],
            "digests": [{"week": str(d.week), "channel": d.channel, "ts": d.ts}
                        for d in self.digests],
        }


def grid_keys(north_star: str, goal_kpis: list[str], own: list[str] = ()) -> list[str]:
    """The north star, the KPIs with goals, the workspace's own metrics, then the digest's
    defaults: 25 at most."""
    return list(dict.fromkeys([north_star, *goal_kpis, *own, *DEFAULT_SCORECARD]))[:GRID_ROWS]


def _plain(value: float) -> float | None:
    return None if value is None or math.isnan(value) else value


def _row(kpi: str, weeks: list[IsoWeek], values, changes, paused: set[str],
         used: dict | None = None, length: int = 1) -> GridRow:
    cells = []
    for week in weeks:
        if str(week) in paused:
            cells.append(GridCell(week, None, None, None, paused=True))
            continue
        value = _plain(values.get(week.start))
        target = goal_in_force(changes, week.start) if changes else None
        status = goal_status(kpi, value, target).status if target is not None else None
        count = None if used is None else int(used[week.start])
        cells.append(GridCell(week, value, target, status, weeks_used=count,
                              incomplete=value is None and count is not None and 2 * count < length))
    return GridRow(kpi, cells)


def posted_digests(session: Session, workspace_id: str, weeks: list[IsoWeek]) -> list[DigestRef]:
    rows = session.scalars(select(Digest).where(
        Digest.workspace_id == workspace_id, Digest.week.in_([str(w) for w in weeks]),
        Digest.channel.is_not(None), Digest.ts.is_not(None)).order_by(Digest.week))
    return [DigestRef(IsoWeek.parse(d.week), d.channel, d.ts) for d in rows]


def grid_inputs(session: Session, workspace_id: str, current: IsoWeek, weeks: int,
                db: Database | None = None) -> Inputs:
    """What the grid computes on: with `db`, the weekly inputs kept in the database (the
    weeks of the longest window before the first week too; stale ones computed anew and kept);
    without, the entries loaded and summed here."""
    needed = current.window(weeks + LOOKBACK_WEEKS)
    if db is None:
        return load_inputs(session, workspace_id, since=needed[0].start)
    totals, errors_since = kept_weeks(db, workspace_id, [week.start for week in needed])
    return WeekTotalsInputs(totals, errors_since)


def build_grid(session: Session, workspace: Workspace, current: IsoWeek,
               weeks: int = GRID_WEEKS, db: Database | None = None) -> TrailingGrid:
    """The grid of the `weeks` weeks ending with `current` (on the weekly inputs kept in `db`
    when given, else on the entries)."""
    window = current.window(weeks)
    inputs = grid_inputs(session, workspace.id, current, weeks, db)
    timelines = goal_timelines_of(session, workspace.id)
    own = {metric.key: (metric.label, metric.unit) for metric in own_metrics_of(session, workspace.id)}
    keys = grid_keys(workspace.north_star, sorted(timelines), list(own))
    paused = paused_weeks(session, workspace.id)
    paused_set = {IsoWeek.parse(w) for w in paused}
    frame = weekly_kpis(inputs, kpi_settings(workspace), window, keys, paused_set)
    used = weekly_weeks_used(inputs, window, keys, paused_set)
    rows = [_row(kpi, window, frame[kpi].to_dict() if kpi in frame else {},
                 timelines.get(kpi), paused, used[kpi].to_dict() if kpi in used else None,
                 used.attrs["length"].get(kpi, 1)) for kpi in keys]
    gaps = [] if str(current) in paused else missing_inputs(
        window_totals(inputs, current.start, current.end))
    explicit = explicit_owners(session, workspace.id)
    owners = owners_of(session, workspace.id, gaps, current, explicit)
    missing = [(name, owners[name]) for name in gaps]
    orders = inputs.orders if db is None else load_orders(session, workspace.id)
    return TrailingGrid(workspace, window, rows, missing,
                        posted_digests(session, workspace.id, window), own,
                        build_cohorts(orders, current.end))


def trailing_grid(deps: Deps, team_id: str, weeks: int = GRID_WEEKS,
                  now: datetime | None = None) -> TrailingGrid:
    """The grid ending with the workspace's running week, for App Home and `/kpi report t13w`."""
    now = now or deps.now()
    with deps.db.reader() as session:
        workspace = read_workspace(session, team_id, now)
        return build_grid(session, workspace, IsoWeek.of(local_now(workspace, now).date()), weeks,
                          deps.db)
