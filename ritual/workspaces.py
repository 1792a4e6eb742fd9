"""Small things about a workspace that every edge needs: its language, form defaults, its install."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ritual.context import local_now, read_workspace, workspace_for_team
from ritual.deps import Deps
from ritual.lifecycle import installed
from storage.own_metrics import own_metrics_of
from storage.workspaces import category_classes


@dataclass(frozen=True)
class FormDefaults:
    lang: str
    today: date
    categories: list[str]
    own_metrics: list[tuple[str, str]] = field(default_factory=list)  # (key, label)


def language_of(deps: Deps, team_id: str) -> str:
    with deps.db.reader() as session:
        return read_workspace(session, team_id, deps.now()).language


def form_defaults(deps: Deps, team_id: str) -> FormDefaults:
    """What an entry form shows before anything is typed."""
    now = deps.now()
    with deps.db.reader() as session:
        workspace = read_workspace(session, team_id, now)
        return FormDefaults(workspace.language, local_now(workspace, now).date(),
                            sorted(set(category_classes(session, team_id))),
                            [(own.key, own.label) for own in own_metrics_of(session, team_id)])


def workspace_installed(deps: Deps, team_id: str, team_name: str | None) -> None:
    """An installation arrived: the workspace exists from now on (default settings), named;
    a workspace uninstalled within its retention period comes back with all its data."""
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, deps.now())
        if team_name:
            workspace.name = team_name[:200]
    installed(deps, team_id)
