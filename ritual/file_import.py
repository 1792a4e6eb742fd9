"""Importing payment, shop and bank exports: preview (dry run), import all-or-nothing, undo."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from capture.imports.detect import Progress
from capture.imports.mapping import likely_header, parse_mapping
from capture.imports.reading import decode
from capture.imports.records import ImportContext, ImportRefused, RowProblem
from capture.imports.rules import Categoriser
from capture.imports.weekly import Figures, day_figures, revenue_family, week_figures
from ritual.context import read_workspace, workspace_for_team
from ritual.deps import Deps
from ritual.import_mappings import mapping_name, read_file
from storage.import_mappings import save_mapping
from storage.import_rules import counterparty_categories, rules_of
from storage.import_tables import ImportRecord
from storage.imported_rows import (
    ImportNotFound,
    add_import,
    families,
    known_rows,
    list_imports,
    record_totals,
    sort_records,
    store,
    undo_import,
)


@dataclass(frozen=True)
class ImportRequest:
    """A file to import: its bytes and name, the source (`auto`: by its header), dry run or not."""

    team_id: str
    data: bytes
    file_name: str | None = None
    source: str = "auto"
    dry_run: bool = False
    user: str | None = None
    mapping: str | None = None  # `date=Datum,amount=Betrag,…` for a layout no profile knows
    save_as: str | None = None  # the name the mapping is saved under, for the same header later


@dataclass(frozen=True)
class ImportSummary:
    """What an import stored (or a dry run would store): counts, skips, problems, week figures."""

    lang: str
    source: str
    rows: int
    new: int
    updated: int
    duplicate: int
    skipped: dict[str, int]
    errors: list[RowProblem]
    weeks: dict[str, Figures]
    import_id: str | None = None
    currency: str = "EUR"  # the workspace's, that the money figures are in
    without_customer: int = 0  # new or changed shop/processor sales naming no customer


@dataclass(frozen=True)
class ImportRefusal:
    """Nothing was read, nothing stored: a code and its parameters, in the workspace's language."""

    lang: str
    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class NotAnExport:
    """No export profile knows the file (the caller may read it as northstar's own CSV)."""

    lang: str
    header: str


def import_file(deps: Deps, request: ImportRequest,
                progress: Progress | None = None) -> ImportSummary | ImportRefusal | NotAnExport:
    """Read the export and store its new rows in one transaction (none on a dry run); an
    import that stores nothing new leaves no trace (no import id, and no workspace created
    for a team id seen first here)."""
    now = deps.now()
    opened = deps.db.reader() if request.dry_run else deps.db.session()
    with opened as session:
        workspace = read_workspace(session, request.team_id, now)
        ctx = ImportContext(ZoneInfo(workspace.timezone), workspace.currency)
        try:
            read = read_file(session, workspace.id, request.data, ctx, request.source,
                             request.mapping, request.save_as, progress)
        except ImportRefused as refusal:
            if refusal.code == "import_unknown_layout" and request.source == "auto":
                return NotAnExport(workspace.language, refusal.params.get("header", ""))
            return ImportRefusal(workspace.language, refusal.code, dict(refusal.params))
        parsed = read.parsed
        if read.save is not None and not request.dry_run:
            workspace = workspace_for_team(session, request.team_id, now)
            save_mapping(session, workspace.id, *read.save, request.user, now)
        sorted_records = sort_records(parsed, known_rows(session, workspace.id, parsed.source))
        changed = [record for _, record in sorted_records.new + sorted_records.updated]
        revenue_from = revenue_family(families(session, workspace.id) | {parsed.family})
        categoriser = Categoriser(rules_of(session, workspace.id),
                                  counterparty_categories(session, workspace.id))
        weeks = week_figures(day_figures(
            record_totals(changed, parsed.family, categoriser.category), revenue_from))
        import_id = None
        if not request.dry_run and changed:
            workspace = workspace_for_team(session, request.team_id, now)
            import_id = secrets.token_hex(6)
            add_import(session, ImportRecord(
                id=import_id, workspace_id=workspace.id, profile=parsed.source,
                file_name=(request.file_name or "")[:255] or None, created_by=request.user,
                created_at=now, rows=parsed.rows, new=len(sorted_records.new),
                updated=len(sorted_records.updated), duplicate=sorted_records.duplicate,
                skipped=dict(parsed.skipped), errors=len(parsed.errors)))
            store(session, workspace.id, import_id, parsed, sorted_records, categoriser.category)
        return ImportSummary(
            lang=workspace.language, source=parsed.source, rows=parsed.rows,
            new=len(sorted_records.new), updated=len(sorted_records.updated),
            duplicate=sorted_records.duplicate, skipped=dict(parsed.skipped),
            errors=parsed.errors, weeks=weeks, import_id=import_id, currency=workspace.currency,
            without_customer=_without_customer(parsed.family, changed))


def _without_customer(family: str, records: list) -> int:
    """Sales of a shop or processor that name no customer: orders, but no customers."""
    if family not in ("shop", "processor"):
        return 0
    return sum(1 for record in records
               if record.kind == "sale" and not (record.customer or "").strip())


def columns_of(data: bytes) -> list[str]:
    """The column names a mapping form offers for a file (none for a file that is not text)."""
    try:
        return likely_header(decode(data))
    except ImportRefused:
        return []


def mapping_problem(spec: str, save_as: str | None) -> tuple[str, dict] | None:
    """Why a mapping (and the name to save it under) cannot be used, as (code, params)."""
    try:
        parse_mapping(spec)
        mapping_name(save_as)
    except ImportRefused as refusal:
        return refusal.code, dict(refusal.params)
    return None


def imports_of(deps: Deps, team_id: str) -> list[ImportRecord]:
    """The workspace's imports, newest first."""
    with deps.db.reader() as session:
        rows = list_imports(session, team_id)
        session.expunge_all()
        return rows


def undo(deps: Deps, team_id: str, import_id: str, user: str | None = None,
         admin: bool = True) -> int | ImportRefusal:
    """Remove what one import stored (its author or an admin may); how many rows, or a
    refusal for an unknown id or another person's import."""
    with deps.db.session() as session:
        record = session.get(ImportRecord, import_id)
        if record is not None and record.workspace_id == team_id and not admin \
                and record.created_by != user:
            return ImportRefusal(_language(session, team_id, deps), "import_not_yours", {})
        try:
            return undo_import(session, team_id, import_id, deps.now())
        except ImportNotFound:
            return ImportRefusal(_language(session, team_id, deps), "import_not_found",
                                 {"id": import_id})


def _language(session, team_id: str, deps: Deps) -> str:
    return read_workspace(session, team_id, deps.now()).language
