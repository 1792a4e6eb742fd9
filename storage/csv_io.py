"""CSV import and export of a workspace's entries, notes, settings and goals.

Columns: date, kind, name, amount, channel, cause, description, external_id, every, class.
`kind` is cost | hours | metric | note | setting | goal | own_metric; `name` is the cost category, the
activity, the metric, the note's kind, the setting's key or the goal's KPI; `amount` is the
cost, the hours, the value or the target. German (`;`, `1.234,56`) and English (`,`,
`1,234.56`) files are both read. An import is all or nothing.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from capture.commands import EVERY, MAX_NOTE, suggest_metric
from capture.context import ParseContext
from capture.dates import parse_date
from capture.durations import parse_duration
from capture.errors import InputError
from capture.inputs import CostInput, HoursInput, MetricInput, NoteInput
from capture.numbers import parse_amount, parse_value, plain_number
from capture.own_metrics import OwnMetricDef
from capture.vocabulary import (
    activity_of,
    category_and_class,
    cause_of,
    cost_class_of,
    metric_of,
    note_kind_of,
)
from metrics.vocabulary import (
    ACTIVITIES,
    CAUSE_METRICS,
    COST_CLASSES,
    KPI_KEYS,
    RECURRENCES,
)
from storage.csv_cells import GERMAN_COLUMNS, GERMAN_KINDS, escape_cell, read_table, unescape_cell
from storage.csv_ritual import RITUAL_KINDS, check_ritual_row, import_ritual_row, ritual_rows
from storage.edits import audit_cell, trails
from storage.entries import AnyInput, Provenance, add_unless_known
from storage.goal_history import record_goal_change, week_monday
from storage.models import Entry, Goal, Workspace
from storage.own_metrics import own_metric_of_row, own_metric_rows, save_own_metric

COLUMNS = ("date", "kind", "name", "amount", "channel", "cause", "description", "external_id",
           "every", "class")
EXPORT_COLUMNS = (*COLUMNS, "edits")  # the audit trail; ignored on import
REQUIRED = ("date", "kind", "name")
SETTING_FIELDS = ("hourly_rate", "capital", "equity", "comment_weight", "payback_ceiling")
TEXT_SETTINGS = ("timezone", "language", "currency", "north_star", "nudge")


class CsvImportError(ValueError):
    """The file cannot be imported; nothing was stored. `errors` lists (line, problem) pairs;
    a problem is an InputError code with parameters (`line` among them): the caller renders it."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


@dataclass
class ParsedRow:
    line: int
    kind: str
    entry: AnyInput | None = None
    name: str = ""
    amount: Decimal | None = None
    text: str = ""
    external_id: str = ""
    own: OwnMetricDef | None = None  # an `own_metric` row: the workspace's own metric


@dataclass
class ImportResult:
    added: int = 0
    duplicates: int = 0
    settings: int = 0
    goals: int = 0
    by_kind: Counter = field(default_factory=Counter)


def _row_id(row: dict[str, str], seen: Counter) -> str:
    content = "\x1f".join(row.get(column, "") for column in COLUMNS)
    digest = hashlib.sha256(content.encode()).hexdigest()[:24]
    seen[digest] += 1
    return f"csv:{digest}:{seen[digest]}"


def _cell(row: dict[str, str], column: str) -> str:
    """A cell without surrounding blanks, its formula guard removed (export quotes them all)."""
    return unescape_cell(row.get(column, "").strip())


def _parse_row(row: dict[str, str], line: int, ctx: ParseContext, seen: Counter) -> ParsedRow:
    kind = _cell(row, "kind").lower()
    kind = GERMAN_KINDS.get(kind, kind)
    name = _cell(row, "name")
    amount = _cell(row, "amount")
    text = _cell(row, "description")
    external_id = _cell(row, "external_id") or _row_id(row, seen)
    parsed = ParsedRow(line=line, kind=kind, name=name, text=text, external_id=external_id)
    if kind == "setting":
        if name not in SETTING_FIELDS + TEXT_SETTINGS:
            raise InputError("csv_unknown_setting", name=name)
        parsed.amount = parse_value(amount, ctx) if name in SETTING_FIELDS else None
        parsed.text = amount if name in TEXT_SETTINGS else ""
        return parsed
    if kind == "goal":
        if name not in KPI_KEYS and name not in ctx.own_metrics:
            raise InputError("unknown_kpi", name=name)
        parsed.amount = parse_value(amount, ctx)
        return parsed
    if kind in RITUAL_KINDS:
        parsed.name, parsed.text = check_ritual_row(kind, name, text, ctx.own_metrics)
        return parsed
    if kind == "own_metric":
        parsed.own = own_metric_of_row(name, text, _cell(row, "every"), _cell(row, "class"))
        return parsed
    occurred_on = parse_date(_cell(row, "date"), ctx)
    channel = _cell(row, "channel") or None
    cause = _cell(row, "cause") or None
    if len(text) > MAX_NOTE:
        raise InputError("note_too_long", length=len(text), limit=MAX_NOTE)
    if kind == "cost":
        category, default_class = category_and_class(name or "other", ctx.category_classes)
        class_cell = _cell(row, "class")
        cost_class = cost_class_of(class_cell) if class_cell else default_class
        every_cell = _cell(row, "every").lower()
        every = EVERY.get(every_cell, every_cell) or None
        if cost_class is None:
            raise InputError("csv_unknown_class", name=class_cell, valid=COST_CLASSES)
        if every is not None and every not in RECURRENCES:
            raise InputError("csv_unknown_every", name=every)
        parsed.entry = CostInput(parse_amount(amount, ctx), category, cost_class, text or None,
                                 occurred_on, channel, every)
    elif kind == "hours":
        activity = activity_of(name or "other")
        if activity is None:
            raise InputError("csv_unknown_activity", name=name, valid=ACTIVITIES)
        parsed.entry = HoursInput(parse_duration(amount), activity, text or None, occurred_on,
                                  channel)
    elif kind == "metric":
        metric = metric_of(name) or (name if name in ctx.own_metrics else None)
        if metric is None:
            raise InputError("unknown_metric", name=name, suggestion=suggest_metric(name))
        parsed.entry = MetricInput(metric, parse_value(amount, ctx), occurred_on,
                                   None if metric in CAUSE_METRICS else channel,
                                   cause_of(cause) if cause and metric in CAUSE_METRICS else None,
                                   text or None)
    elif kind == "note":
        note_kind = note_kind_of(name or "context")
        if note_kind is None or not text:
            raise InputError("csv_bad_note", name=name or "context")
        parsed.entry = NoteInput(text, occurred_on, note_kind)
    else:
        raise InputError("csv_unknown_kind", name=kind)
    return parsed


def parse_csv(text: str | bytes, ctx: ParseContext) -> list[ParsedRow]:
    """Every row of the file (text, or bytes in UTF-8 or Windows-1252), or CsvImportError with
    every bad line."""
    rows, errors, seen = [], [], Counter()
    try:
        lang, records = read_table(text, REQUIRED, COLUMNS, GERMAN_COLUMNS)
        records = list(records)
        defined = {_cell(row, "name").lower() for _, row in records
                   if _cell(row, "kind").lower() == "own_metric"}
        ctx = ParseContext(today=ctx.today, lang=lang, currency=ctx.currency,
                           category_classes=ctx.category_classes,
                           own_metrics=ctx.own_metrics | defined)
        for line, row in records:
            try:
                rows.append(_parse_row(row, line, ctx, seen))
            except InputError as error:
                error.params["line"] = line
                errors.append((line, error))
    except InputError as error:  # the file itself, or the line where reading it stopped
        errors.append((error.params["line"], error))
    if errors:
        raise CsvImportError(errors)
    return rows


def import_rows(session: Session, workspace: Workspace, rows: list[ParsedRow], user: str | None,
                now: datetime) -> ImportResult:
    """Store parsed rows (in the caller's transaction); known external ids are skipped."""
    result = ImportResult()
    for row in rows:
        if row.kind == "setting":
            setattr(workspace, row.name, row.amount if row.name in SETTING_FIELDS else row.text)
            result.settings += 1
        elif row.kind == "goal":
            _set_goal(session, workspace.id, row.name, row.amount, user, now)
            result.goals += 1
        elif row.kind in RITUAL_KINDS:
            import_ritual_row(session, workspace.id, row.kind, row.name, row.text, user, now)
            result.settings += 1
        elif row.own is not None:
            save_own_metric(session, workspace.id, row.own, user, now)
            result.settings += 1
        else:
            origin = Provenance(entered_by=user, entered_at=now, source="import",
                                external_id=row.external_id)
            if add_unless_known(session, workspace.id, row.entry, origin) is None:
                result.duplicates += 1
            else:
                result.added += 1
                result.by_kind[row.kind] += 1
    return result


def _set_goal(session: Session, workspace_id: str, kpi: str, target: Decimal, user: str | None,
              now: datetime) -> None:
    goal = session.scalar(select(Goal).where(Goal.workspace_id == workspace_id, Goal.kpi == kpi))
    if goal is None:
        session.add(Goal(workspace_id=workspace_id, kpi=kpi, target=target, set_by=user,
                         set_at=now))
    else:
        goal.target = target
    record_goal_change(session, workspace_id, kpi, target, week_monday(now.date()), user, now)


def export_rows(session: Session, workspace: Workspace) -> list[dict[str, str]]:
    """Settings, goals, and every live entry and note, as CSV rows."""
    rows = [
        {"kind": "setting", "name": key, "amount": plain_number(getattr(workspace, key))}
        for key in SETTING_FIELDS if getattr(workspace, key) is not None
    ] + [{"kind": "setting", "name": key, "amount": getattr(workspace, key)}
         for key in TEXT_SETTINGS if getattr(workspace, key) is not None]
    rows += [{"kind": "goal", "name": goal.kpi, "amount": plain_number(goal.target)}
             for goal in session.scalars(select(Goal).where(Goal.workspace_id == workspace.id)
                                         .order_by(Goal.kpi))]
    rows += ritual_rows(session, workspace.id) + own_metric_rows(session, workspace.id)
    entries = list(session.scalars(select(Entry).where(
        Entry.workspace_id == workspace.id, Entry.deleted_at.is_(None)).order_by(Entry.id)))
    edited = trails(session, [entry.id for entry in entries])
    for entry in entries:
        rows.append({
            "date": entry.occurred_on.isoformat(), "kind": entry.kind,
            "name": {"cost": entry.category, "hours": entry.activity, "metric": entry.metric,
                     "note": entry.note_kind}[entry.kind] or "",
            "amount": plain_number(entry.quantity), "channel": entry.channel or "",
            "cause": entry.cause or "", "description": entry.description or "",
            "external_id": entry.external_id or f"northstar:{workspace.id}:{entry.id}",
            "every": entry.every or "", "class": entry.cost_class or "",
            "edits": audit_cell(edited.get(entry.id, [])),
        })
    return rows


def write_csv(rows: list[dict[str, str]], path: Path) -> Path:
    """Write rows in the import's columns (comma-separated, English numbers), escaped."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=EXPORT_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({column: escape_cell(str(row.get(column, "") or ""))
                             for column in EXPORT_COLUMNS})
    return path


def export_workspace(session: Session, workspace: Workspace, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    return write_csv(export_rows(session, workspace), out / f"northstar-{workspace.id}.csv")
