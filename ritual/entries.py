"""Undo, delete and list entries: the author or a workspace admin may remove one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import object_session

from ritual.context import read_workspace, workspace_for_team
from ritual.deps import Deps
from ritual.outcomes import EntryView, Problem
from storage.entries import (
    EntryNotFound,
    NotYourEntry,
    delete_entry,
    get_entry,
    input_of,
    last_entry_of,
    recent_entries,
)
from storage.models import Entry, Workspace
from storage.note_numbers import note_numbers


def _view(row: Entry, workspace: Workspace, numbers: dict[int, int] | None = None) -> EntryView:
    """The entry as the edges show it; a note with its number (looked up when not given)."""
    if numbers is None and row.kind == "note":
        numbers = note_numbers(object_session(row), workspace.id)
    return EntryView(row.id, input_of(row), workspace.language, workspace.currency,
                     row.entered_by, row.source, row.entered_at, workspace.timezone,
                     (numbers or {}).get(row.id))


def undo_last(deps: Deps, team_id: str, user_id: str) -> EntryView | Problem:
    """Soft-delete the user's newest entry."""
    now = deps.now()
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, now)
        row = last_entry_of(session, workspace.id, user_id)
        if row is None:
            return Problem("nothing_to_undo", workspace.language)
        delete_entry(session, workspace.id, row.id, user_id, True, now)
        return _view(row, workspace)


def may_change(deps: Deps, team_id: str, user_id: str, entry_id: int,
               is_admin: Callable[[], bool], now: datetime) -> tuple[str, bool | None]:
    """The workspace's language, and whether the user may change the entry: its author or an
    admin (None: no such entry). `is_admin` may ask Slack; it is called outside any write."""
    with deps.db.reader() as session:
        workspace = read_workspace(session, team_id, now)
        try:
            author = get_entry(session, workspace.id, entry_id).entered_by
        except EntryNotFound:
            return workspace.language, None
    return workspace.language, author == user_id or is_admin()


def remove_entry(deps: Deps, team_id: str, user_id: str, entry_id: int,
                 is_admin: Callable[[], bool], now: datetime | None = None) -> EntryView | Problem:
    """Soft-delete an entry for its author, or for an admin.

    `is_admin` may ask Slack; it is called outside any write transaction.
    """
    now = now or deps.now()
    lang, allowed = may_change(deps, team_id, user_id, entry_id, is_admin, now)
    if allowed is None:
        return Problem("not_found", lang)
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, now)
        try:
            row = get_entry(session, workspace.id, entry_id)
            delete_entry(session, workspace.id, entry_id, user_id, allowed, now)
        except EntryNotFound:
            return Problem("not_found", workspace.language)
        except NotYourEntry:
            return Problem("not_yours", workspace.language)
        return _view(row, workspace)


def recent(deps: Deps, team_id: str, limit: int = 10) -> tuple[str, list[EntryView]]:
    """The workspace's language and its newest live entries."""
    with deps.db.reader() as session:
        workspace = read_workspace(session, team_id, deps.now())
        numbers = note_numbers(session, workspace.id)
        return workspace.language, [_view(row, workspace, numbers)
                                    for row in recent_entries(session, workspace.id, limit)]
