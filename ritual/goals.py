"""KPI targets: set, clear and list them (admins only, checked at the edge)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from difflib import get_close_matches

from sqlalchemy import select

from capture.errors import InputError
from capture.numbers import parse_value
from ritual.context import local_now, parse_context, read_workspace, workspace_for_team
from ritual.deps import Deps
from ritual.workspace_settings import SCALAR_KPIS, SettingError
from storage.goal_history import record_goal_change, week_monday
from storage.models import Goal
from storage.own_metrics import own_metrics_of

CLEAR_WORDS = ("off", "aus", "clear")


@dataclass(frozen=True)
class GoalView:
    """A KPI's target (None: cleared), in the workspace's money and language."""

    kpi: str
    target: Decimal | None
    lang: str
    currency: str


def list_goals(deps: Deps, team_id: str) -> tuple[str, list[GoalView]]:
    with deps.db.reader() as session:
        workspace = read_workspace(session, team_id, deps.now())
        goals = session.scalars(select(Goal).where(Goal.workspace_id == team_id).order_by(Goal.kpi))
        return workspace.language, [GoalView(g.kpi, g.target, workspace.language, workspace.currency)
                                    for g in goals]


def set_goal(deps: Deps, team_id: str, args: list[str], user_id: str) -> GoalView:
    """Set (or with `off`, clear) a KPI's target; raises SettingError."""
    kpi = args[0].lower() if args else ""
    now = deps.now()
    with deps.db.session() as session:
        known = [*SCALAR_KPIS, *(own.key for own in own_metrics_of(session, team_id))]
        if kpi not in known:
            close = get_close_matches(kpi, known, n=1)
            raise SettingError("goal_unknown_kpi", kpi=kpi, suggestion=close[0] if close else None)
        workspace = workspace_for_team(session, team_id, now)
        existing = session.scalar(select(Goal).where(Goal.workspace_id == team_id, Goal.kpi == kpi))
        valid_from = week_monday(local_now(workspace, now).date())
        if len(args) >= 2 and args[1].lower() in CLEAR_WORDS:
            if existing is not None:
                session.delete(existing)
                record_goal_change(session, team_id, kpi, None, valid_from, user_id, now)
            return GoalView(kpi, None, workspace.language, workspace.currency)
        try:
            target = parse_value(" ".join(args[1:]), parse_context(session, workspace, now))
        except InputError as error:
            raise SettingError("goal_target", problem=error) from error
        if existing is None:
            session.add(Goal(workspace_id=team_id, kpi=kpi, target=target, set_by=user_id, set_at=now))
        else:
            existing.target, existing.set_by, existing.set_at = target, user_id, now
        record_goal_change(session, team_id, kpi, target, valid_from, user_id, now)
        return GoalView(kpi, target, workspace.language, workspace.currency)
