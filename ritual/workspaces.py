"""Small reads about a workspace that every edge needs: its language and form defaults."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ritual.context import local_now, read_workspace
from ritual.deps import Deps
from storage.workspaces import category_classes


@dataclass(frozen=True)
class FormDefaults:
    lang: str
    today: date
    categories: list[str]


def language_of(deps: Deps, team_id: str) -> str:
    with deps.db.reader() as session:
        return read_workspace(session, team_id, deps.now()).language


def form_defaults(deps: Deps, team_id: str) -> FormDefaults:
    """What an entry form shows before anything is typed."""
    now = deps.now()
    with deps.db.reader() as session:
        workspace = read_workspace(session, team_id, now)
        return FormDefaults(workspace.language, local_now(workspace, now).date(),
                            sorted(set(category_classes(session, team_id))))
