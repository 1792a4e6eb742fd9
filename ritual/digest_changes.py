"""Edits made after a week's digest was posted: what the next digest reports as changed.

Each edit is replayed backwards from the entry's current state, so a changed amount, date or
metric moves the value between weeks and inputs as it did. Reported are the edits since the
previous digest was posted, for weeks whose digest was already out when the edit was made.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import Session

from metrics.frames import Inputs
from metrics.totals import window_totals
from metrics.weeks import IsoWeek
from storage.edits import FieldChange, edits_since
from storage.models import Digest, Entry

Key = tuple[IsoWeek, str]


@dataclass(frozen=True)
class WeekChange:
    """An input of a past week whose total changed after that week's digest."""

    week: IsoWeek
    input: str
    old: Decimal | None
    new: Decimal | None


def _posted(session: Session, workspace_id: str) -> dict[str, datetime]:
    rows = session.execute(select(Digest.week, Digest.posted_at).where(
        Digest.workspace_id == workspace_id, Digest.posted_at.is_not(None)))
    return {week: posted_at for week, posted_at in rows}


def _input(kind: str, metric: str | None) -> str | None:
    return {"cost": "costs", "hours": "hours", "metric": metric}.get(kind)


def _state(row: Entry) -> dict:
    return {"occurred_on": row.occurred_on, "quantity": row.quantity, "metric": row.metric}


def _parsed(name: str, value: str | None):
    if value is None:
        return None
    return date.fromisoformat(value) if name == "occurred_on" else \
        Decimal(value) if name == "quantity" else value


def _deltas(row: Entry, changes: list[FieldChange], posted: dict[str, datetime]) -> dict[Key, Decimal]:
    """Per (week, input): how much this entry's edits moved the total, where the digest was out."""
    deltas: dict[Key, Decimal] = defaultdict(Decimal)
    state = _state(row)
    groups = [list(g) for _, g in groupby(changes, key=lambda c: c.edited_at)]
    for group in reversed(groups):
        after, before = dict(state), dict(state)
        for change in group:
            if change.field in before:
                before[change.field] = _parsed(change.field, change.old)
        for sign, side in ((1, after), (-1, before)):
            week, name = IsoWeek.of(side["occurred_on"]), _input(row.kind, side["metric"])
            out = posted.get(str(week))
            if name and side["quantity"] is not None and out and out < group[0].edited_at:
                deltas[(week, name)] += sign * side["quantity"]
        state = before
    return deltas


def _total(inputs: Inputs, week: IsoWeek, name: str) -> Decimal | None:
    totals = window_totals(inputs, week.start, week.end)
    if name == "costs":
        return None if totals.costs is None else sum(totals.costs.values(), Decimal(0))
    if name == "hours":
        return totals.hours
    value = totals.metric(name)
    return None if value is None else Decimal(value)


def changes_after_digests(session: Session, workspace_id: str, week: IsoWeek, inputs: Inputs,
                          now: datetime) -> list[WeekChange]:
    """Inputs of earlier weeks changed since the digest before `week`'s was posted."""
    posted = _posted(session, workspace_id)
    earlier = [at for posted_week, at in posted.items() if posted_week < str(week)]
    if not earlier:
        return []
    edits = [c for c in edits_since(session, workspace_id, max(earlier)) if c.edited_at <= now]
    deltas: dict[Key, Decimal] = defaultdict(Decimal)
    for entry_id, changes in groupby(sorted(edits, key=lambda c: c.entry_id), lambda c: c.entry_id):
        for key, delta in _deltas(session.get(Entry, entry_id), list(changes), posted).items():
            deltas[key] += delta
    result = []
    for (changed_week, name), delta in sorted(deltas.items(), key=lambda item: (item[0][0], item[0][1])):
        if delta == 0 or changed_week >= week:
            continue
        new = _total(inputs, changed_week, name)
        result.append(WeekChange(changed_week, name, (new or Decimal(0)) - delta, new))
    return result
