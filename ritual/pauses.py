"""Pauses (admins): weeks without digest or nudges; and people away (themselves)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from capture.dates import parse_date
from capture.errors import InputError
from metrics.weeks import IsoWeek
from ritual.context import local_now, parse_context, workspace_for_team
from ritual.deps import Deps
from ritual.workspace_settings import SettingError
from storage.owners import pause_weeks, set_away, unpause_from, unpause_week

MAX_PAUSE_WEEKS = 26
UNTIL = ("until", "bis")
OFF = ("off", "aus", "back", "zurück")


@dataclass(frozen=True)
class PauseView:
    weeks: list[str]
    lang: str


def _weeks_until(first: IsoWeek, last_day: date) -> list[str]:
    weeks, week = [], first
    while week.start <= last_day:
        weeks.append(str(week))
        week = week.next()
    return weeks


def _pause_span(args: list[str], today: date, ctx) -> list[str]:
    """`2026-W52` (one week) or `until 2027-01-04` (this week up to the day before)."""
    if len(args) == 1:
        return [_week(args[0], "pause_usage")]
    if len(args) == 2 and args[0].lower() in UNTIL:
        try:
            until = parse_date(args[1], ctx)
        except InputError as error:
            raise SettingError("pause_date", problem=error) from error
        weeks = _weeks_until(IsoWeek.of(today), until - timedelta(days=1))
        if until <= today or not weeks:
            raise SettingError("pause_past", day=until.isoformat())
        return weeks
    raise SettingError("pause_usage")


def pause(deps: Deps, team_id: str, args: list[str], user_id: str) -> PauseView:
    """Pause one week or every week until a day; raises SettingError (nothing stored)."""
    now = deps.now()
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, now)
        ctx = parse_context(session, workspace, now)
        weeks = _pause_span(args, ctx.today, ctx)
        if len(weeks) > MAX_PAUSE_WEEKS:
            raise SettingError("pause_too_long", weeks=len(weeks), limit=MAX_PAUSE_WEEKS)
        pause_weeks(session, team_id, weeks, user_id, now)
        return PauseView(weeks, workspace.language)


@dataclass(frozen=True)
class ResumeView:
    lifted: int
    week: str | None  # the one week named, or None: this week and later
    lang: str


def resume(deps: Deps, team_id: str, args: list[str] | None = None) -> ResumeView:
    """No argument: drop the pauses of this week and later; `2026-W47`: that week's, past
    ones too (it counts again for gaps and baselines). Raises SettingError (nothing changed)."""
    now = deps.now()
    named = _one_week(args or [])
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, now)
        if named:
            return ResumeView(unpause_week(session, team_id, named), named, workspace.language)
        week = IsoWeek.of(local_now(workspace, now).date())
        return ResumeView(unpause_from(session, team_id, str(week)), None, workspace.language)


def _one_week(args: list[str]) -> str | None:
    """`2026-W47` as a week, None for no argument; anything else is refused."""
    if not args:
        return None
    if len(args) != 1:
        raise SettingError("resume_usage")
    return _week(args[0], "resume_usage")


def _week(text: str, usage: str) -> str:
    """An ISO week such as `2026-w52`, as `2026-W52`; SettingError(usage) when it is none."""
    try:
        return str(IsoWeek.parse(text.upper()))
    except ValueError as error:
        raise SettingError(usage) from error


def away(deps: Deps, team_id: str, user_id: str, args: list[str]) -> tuple[date | None, str]:
    """`until DATE` (inclusive) or `off`; (the day, language); raises SettingError."""
    now = deps.now()
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, now)
        ctx = parse_context(session, workspace, now)
        if len(args) == 1 and args[0].lower() in OFF:
            set_away(session, team_id, user_id, None, now)
            return None, workspace.language
        if len(args) != 2 or args[0].lower() not in UNTIL:
            raise SettingError("away_usage")
        try:
            until = parse_date(args[1], ctx)
        except InputError as error:
            raise SettingError("pause_date", problem=error) from error
        if until < ctx.today:
            raise SettingError("pause_past", day=until.isoformat())
        set_away(session, team_id, user_id, until, now)
        return until, workspace.language
