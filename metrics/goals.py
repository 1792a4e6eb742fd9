"""Goal status per KPI, like a scorecard: green on goal, yellow within 10 %, red otherwise."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from metrics.vocabulary import direction

TOLERANCE = Decimal("0.10")


@dataclass(frozen=True)
class GoalStatus:
    kpi: str
    target: Decimal
    direction: str
    status: str | None
    value: Decimal | None


def goal_status(kpi: str, value, target: Decimal) -> GoalStatus:
    """Compare a KPI's value with its target in the KPI's better direction."""
    way = direction(kpi)
    if value is None or isinstance(value, dict | str):
        return GoalStatus(kpi, target, way, None, None)
    value = Decimal(value)
    slack = abs(target) * TOLERANCE
    if way == "higher":
        status = "green" if value >= target else "yellow" if value >= target - slack else "red"
    else:
        status = "green" if value <= target else "yellow" if value <= target + slack else "red"
    return GoalStatus(kpi, target, way, status, value)


GoalTimeline = Sequence[tuple[date, Decimal | None]]


def goal_in_force(changes: GoalTimeline, day: date) -> Decimal | None:
    """The target in force on `day`: the newest change from that day or before.

    Before a KPI's first goal there was nothing to keep, so the first goal holds back in time;
    only later changes are dated.
    """
    if not changes:
        return None
    target = changes[0][1]
    for valid_from, value in changes:
        if valid_from > day:
            break
        target = value
    return target


def goals_in_force(timelines: Mapping[str, GoalTimeline], day: date) -> dict[str, Decimal]:
    """Every KPI's target in force on `day` (cleared goals left out)."""
    goals = {kpi: goal_in_force(changes, day) for kpi, changes in timelines.items()}
    return {kpi: target for kpi, target in goals.items() if target is not None}
