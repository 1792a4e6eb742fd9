"""Goals as lines: "🎯 Fehlerquote ≤ 2 je 100"."""

from __future__ import annotations

from metrics.vocabulary import direction
from ritual.goals import GoalView
from texts.format import format_value, label


def goal_line(goal: GoalView) -> str:
    if goal.target is None:
        return f"🗑️ {label(goal.kpi, goal.lang)}"
    sign = "≥" if direction(goal.kpi) == "higher" else "≤"
    value = format_value(goal.kpi, goal.target, goal.lang, goal.currency)
    return f"🎯 {label(goal.kpi, goal.lang)} {sign} {value}"


def goal_list_line(goal: GoalView) -> str:
    sign = "≥" if direction(goal.kpi) == "higher" else "≤"
    return (f"• {label(goal.kpi, goal.lang)} (`{goal.kpi}`) {sign} "
            f"{format_value(goal.kpi, goal.target, goal.lang, goal.currency)}")
