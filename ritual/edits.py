"""Editing an entry: its author or a workspace admin; validated like a new entry; audited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from capture.context import ParseContext
from capture.errors import InputError
from capture.inputs import AnyInput, MetricInput
from capture.numbers import plain_number
from ritual.context import local_now, parse_context, read_workspace, workspace_for_team
from ritual.deps import Deps
from ritual.entries import may_change, recent
from ritual.outcomes import EntryView, Problem
from ritual.recording import Refused
from storage.edits import FieldChange, apply_edit, trails
from storage.entries import EntryNotFound, Provenance, entry_row, get_entry, input_of
from storage.models import Entry
from storage.own_metrics import own_metrics_of
from storage.workspaces import category_classes

FORM_KIND = {"cost": "cost", "hours": "hours", "note": "note", "metric": "record"}


@dataclass(frozen=True)
class EditForm:
    """What the edit form shows: the entry's kind of form and its values as typed text."""

    entry_id: int
    kind: str
    values: dict[str, str]
    lang: str
    today: str
    categories: list[str]
    own_metrics: list[tuple[str, str]] = field(default_factory=list)  # (key, label)


@dataclass(frozen=True)
class Edited:
    """The entry after the edit, and what changed (empty: nothing did)."""

    view: EntryView
    changes: list[FieldChange]


def _typed(value, lang: str) -> str:
    """A number as a person types it in the workspace's language."""
    text = plain_number(value)
    return text.replace(".", ",") if lang == "de" else text


def form_values(row: Entry, lang: str) -> dict[str, str]:
    """The entry's fields as the form's block ids and typed values."""
    values = {"date": row.occurred_on.isoformat()}
    if row.kind == "cost":
        values.update(amount=_typed(row.quantity, lang), category=row.category or "",
                      description=row.description or "", channel=row.channel or "",
                      every=row.every or "once")
    elif row.kind == "hours":
        values.update(duration=_typed(row.quantity, lang), activity=row.activity or "other",
                      description=row.description or "", channel=row.channel or "")
    elif row.kind == "metric":
        values.update(metric=row.metric or "", value=_typed(row.quantity, lang),
                      dimension=row.cause or row.channel or "")
    else:
        values.update(text=row.description or "", kind=row.note_kind or "context")
    return values


def _allowed(deps: Deps, team_id: str, user_id: str, entry_id: int,
             is_admin: Callable[[], bool], now: datetime) -> Problem | None:
    """None when the user may edit the entry; else why not (is_admin asked outside writes)."""
    lang, allowed = may_change(deps, team_id, user_id, entry_id, is_admin, now)
    if allowed is None:
        return Problem("not_found", lang)
    return None if allowed else Problem("edit_not_yours", lang)


def edit_form(deps: Deps, team_id: str, user_id: str, entry_id: int,
              is_admin: Callable[[], bool]) -> EditForm | Problem:
    """The prefilled form of an entry, or why the user may not edit it."""
    now = deps.now()
    refused = _allowed(deps, team_id, user_id, entry_id, is_admin, now)
    if refused is not None:
        return refused
    with deps.db.reader() as session:
        workspace = read_workspace(session, team_id, now)
        row = get_entry(session, workspace.id, entry_id)
        categories = set(category_classes(session, team_id)) | {row.category or "other"}
        return EditForm(entry_id, FORM_KIND[row.kind], form_values(row, workspace.language),
                        workspace.language, local_now(workspace, now).date().isoformat(),
                        sorted(categories - {""}),
                        [(own.key, own.label) for own in own_metrics_of(session, team_id)])


def _kept(old: AnyInput, new: AnyInput) -> AnyInput:
    """Fields the form does not show keep their stored value."""
    if isinstance(old, MetricInput) and isinstance(new, MetricInput):
        return replace(new, description=old.description)
    return new


def edit_entry(deps: Deps, team_id: str, user_id: str, entry_id: int,
               build: Callable[[ParseContext], AnyInput],
               is_admin: Callable[[], bool]) -> Edited | Refused | Problem:
    """Validate the new input like a new entry, then change the entry and audit each field."""
    now = deps.now()
    refused = _allowed(deps, team_id, user_id, entry_id, is_admin, now)
    if refused is not None:
        return refused
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, now)
        try:
            row = get_entry(session, workspace.id, entry_id)
        except EntryNotFound:
            return Problem("not_found", workspace.language)
        try:
            new = _kept(input_of(row), build(parse_context(session, workspace, now)))
        except InputError as error:
            return Refused(error, workspace.language)
        if FORM_KIND[row.kind] != FORM_KIND[entry_row(workspace.id, new, _NO_ORIGIN).kind]:
            return Problem("edit_kind", workspace.language)
        changes = apply_edit(session, row, entry_row(workspace.id, new, _NO_ORIGIN), user_id, now)
        view = EntryView(row.id, input_of(row), workspace.language, workspace.currency,
                         row.entered_by, row.source, row.entered_at, workspace.timezone)
        return Edited(view, changes)


_NO_ORIGIN = Provenance(entered_by=None, entered_at=datetime(2000, 1, 1), source="edit")


def recent_with_trails(deps: Deps, team_id: str, limit: int = 10
                       ) -> tuple[str, list[tuple[EntryView, list[FieldChange]]]]:
    """The workspace's language, and its newest live entries each with its audit trail."""
    lang, views = recent(deps, team_id, limit)
    with deps.db.reader() as session:
        found = trails(session, [view.id for view in views])
    return lang, [(view, found.get(view.id, [])) for view in views]
