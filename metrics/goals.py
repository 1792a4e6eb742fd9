"""Goal status per KPI, like a scorecard: green on goal, yellow within 10 %, red otherwise."""

from __future__ import annotations

from dataclasses import dataclass
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
