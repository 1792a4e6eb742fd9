"""CSV imports from any edge: a dry run, then all-or-nothing; settings and goals need an admin."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from capture.context import ParseContext
from ritual.context import parse_context, read_workspace, workspace_for_team
from ritual.deps import Deps
from ritual.outcomes import Problem
from ritual.workspace_settings import SettingError, validate_setting
from storage.csv_io import CsvImportError, ImportResult, ParsedRow, import_rows, parse_csv
from storage.models import Workspace

ADMIN_KINDS = ("setting", "goal", "pause", "owner", "own_metric")


@dataclass(frozen=True)
class CsvRejected:
    """Nothing was imported; `errors` lists (line, problem) with problems as codes or text."""

    lang: str
    errors: list[tuple[int, object]]


@dataclass(frozen=True)
class CsvPreview:
    lang: str
    rows: int
    by_kind: dict[str, int]


@dataclass(frozen=True)
class CsvImported:
    lang: str
    result: ImportResult



def _check(rows: list[ParsedRow], ctx: ParseContext, admin: bool) -> list[tuple[int, object]]:
    """Settings and goals only from admins, and settings by the rules of `/kpi settings`."""
    errors: list[tuple[int, object]] = []
    for row in rows:
        if row.kind in ADMIN_KINDS and not admin:
            errors.append((row.line, Problem("csv_admin_only", params={"kind": row.kind})))
        elif row.kind == "setting" and row.amount is None:
            try:
                validate_setting(row.name, [row.text], ctx)
            except SettingError as error:
                errors.append((row.line, error))
    return errors


def _parse(session, workspace, text: str | bytes, now, admin: bool) -> list[ParsedRow]:
    ctx = parse_context(session, workspace, now)
    rows = parse_csv(text, ctx)
    errors = _check(rows, ctx, admin)
    if errors:
        raise CsvImportError(errors)
    return rows


def preview_csv(deps: Deps, team_id: str, text: str | bytes, admin: bool) -> CsvPreview | CsvRejected:
    """What an import would store, without storing anything."""
    now = deps.now()
    with deps.db.reader() as session:
        workspace = read_workspace(session, team_id, now)
        try:
            rows = _parse(session, workspace, text, now, admin)
        except CsvImportError as error:
            return CsvRejected(workspace.language, error.errors)
        return CsvPreview(workspace.language, len(rows), dict(Counter(row.kind for row in rows)))


class _Undone(Exception):
    """Roll the import's transaction back and answer with the outcome."""

    def __init__(self, outcome: CsvImported | CsvRejected) -> None:
        super().__init__()
        self.outcome = outcome


def import_csv(deps: Deps, team_id: str, user_id: str | None, text: str | bytes,
               admin: bool) -> CsvImported | CsvRejected:
    """Import every row in one transaction, or none; known external ids are skipped. A team not
    stored yet is created in that transaction, and only when there are rows to store."""
    now = deps.now()
    try:
        with deps.db.session() as session:
            new = session.get(Workspace, team_id) is None
            workspace = workspace_for_team(session, team_id, now)
            try:
                rows = _parse(session, workspace, text, now, admin)
            except CsvImportError as error:
                raise _Undone(CsvRejected(workspace.language, error.errors)) from error
            outcome = CsvImported(workspace.language, import_rows(session, workspace, rows, user_id, now))
            if new and not rows:
                raise _Undone(outcome)  # nothing stored: no empty workspace either
            return outcome
    except _Undone as undone:
        return undone.outcome

