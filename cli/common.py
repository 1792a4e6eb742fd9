"""What every command shares: the database, the workspace it is about, the week, user errors."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.process_config import BotConfig
from cli.errors import CliError
from metrics.weeks import IsoWeek
from storage.db import Database
from storage.models import Workspace
from storage.workspaces import all_workspaces


def open_database() -> Database:
    db = Database(BotConfig.from_env().database_url)
    db.upgrade()
    return db


def pick_workspace(session, team: str | None) -> Workspace:
    """The workspace named by --team, or the only one there is."""
    workspaces = all_workspaces(session)
    if team:
        for workspace in workspaces:
            if workspace.id == team:
                return workspace
        raise CliError(f"no workspace {team!r} in the database "
                       f"(known: {', '.join(w.id for w in workspaces) or 'none'})")
    if len(workspaces) == 1:
        return workspaces[0]
    if not workspaces:
        raise CliError("the database has no workspace yet: use the bot in Slack first (a workspace "
                       "is created with its first command), or `northstar import FILE --team T`")
    raise CliError("several workspaces: pick one with --team "
                   f"({', '.join(w.id for w in workspaces)})")


def parse_week(text: str | None, workspace: Workspace, now: datetime) -> IsoWeek:
    """--week as YYYY-Www, or by default the last complete week in the workspace's zone."""
    if not text:
        return IsoWeek.of(now.astimezone(ZoneInfo(workspace.timezone)).date()).previous()
    try:
        return IsoWeek.parse(text)
    except ValueError as error:
        raise CliError(f"--week {text!r} is not an ISO week; use e.g. 2026-W47") from error
