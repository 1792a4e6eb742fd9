"""`/kpi goal`: set, list and clear KPI targets."""

from __future__ import annotations

from datetime import datetime
from difflib import get_close_matches

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.kpi_format import format_value, label
from bot.settings import SCALAR_KPIS, SettingError
from capture.context import ParseContext
from capture.errors import InputError
from capture.numbers import parse_value
from metrics.vocabulary import direction
from storage.models import Goal, Workspace


def goal_lines(session: Session, workspace: Workspace) -> list[str]:
    lang = workspace.language
    goals = session.scalars(select(Goal).where(Goal.workspace_id == workspace.id).order_by(Goal.kpi))
    return [f"• {label(g.kpi, lang)} (`{g.kpi}`) {'≥' if direction(g.kpi) == 'higher' else '≤'} "
            f"{format_value(g.kpi, g.target, lang, workspace.currency)}" for g in goals]


def set_goal(session: Session, workspace: Workspace, args: list[str], ctx: ParseContext,
             user: str, now: datetime) -> str:
    """Set (or with `off`, clear) a KPI's target; returns the confirmation line."""
    kpi = args[0].lower() if args else ""
    if kpi not in SCALAR_KPIS:
        close = get_close_matches(kpi, SCALAR_KPIS, n=1)
        hint_de = f" Meintest du `{close[0]}`?" if close else ""
        hint_en = f" Did you mean `{close[0]}`?" if close else ""
        raise SettingError(
            f"„{kpi}“ ist keine KPI.{hint_de} Beispiel: `/kpi goal error_rate_per_100 2`",
            f"“{kpi}” is not a KPI.{hint_en} Example: `/kpi goal error_rate_per_100 2`")
    existing = session.scalar(select(Goal).where(Goal.workspace_id == workspace.id,
                                                 Goal.kpi == kpi))
    if len(args) >= 2 and args[1].lower() in ("off", "aus", "clear"):
        if existing is not None:
            session.delete(existing)
        return f"🗑️ {label(kpi, workspace.language)}"
    try:
        target = parse_value(" ".join(args[1:]), ctx)
    except InputError as error:
        raise SettingError(error.message("de"), error.message("en")) from error
    if existing is None:
        session.add(Goal(workspace_id=workspace.id, kpi=kpi, target=target, set_by=user,
                         set_at=now))
    else:
        existing.target, existing.set_by, existing.set_at = target, user, now
    sign = "≥" if direction(kpi) == "higher" else "≤"
    return (f"🎯 {label(kpi, workspace.language)} {sign} "
            f"{format_value(kpi, target, workspace.language, workspace.currency)}")
