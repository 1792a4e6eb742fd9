"""`northstar import FILE.csv` and `northstar export --out DIR`."""

from __future__ import annotations

import argparse
from pathlib import Path
from zoneinfo import ZoneInfo

from capture.context import ParseContext
from cli.common import CliError, open_database, pick_workspace
from storage.clock import utc_now
from storage.csv_io import CsvImportError, export_workspace, import_rows, parse_csv
from storage.workspaces import all_workspaces, category_classes, ensure_workspace


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CliError(f"cannot read {path}: {error}") from error
    db, now = open_database(), utc_now()
    try:
        with db.session() as session:
            if args.team and args.team not in {w.id for w in all_workspaces(session)}:
                workspace = ensure_workspace(session, args.team, now)
            else:
                workspace = pick_workspace(session, args.team)
            ctx = ParseContext(
                today=now.astimezone(ZoneInfo(workspace.timezone)).date(),
                lang=workspace.language, currency=workspace.currency,
                category_classes=category_classes(session, workspace.id),
            )
            result = import_rows(session, workspace, parse_csv(text, ctx), None, now)
    except CsvImportError as error:
        lines = "\n".join(f"  line {line}: {message}" for line, message in error.errors[:50])
        more = f"\n  … and {len(error.errors) - 50} more" if len(error.errors) > 50 else ""
        raise CliError(f"{path}: nothing imported, {len(error.errors)} error(s):\n{lines}{more}"
                       ) from error
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(result.by_kind.items())) or "none"
    print(f"imported into {workspace.id}: {result.added} new entries ({kinds}), "
          f"{result.duplicates} already there, {result.settings} settings, {result.goals} goals")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    db = open_database()
    with db.session() as session:
        workspace = pick_workspace(session, args.team)
        path = export_workspace(session, workspace, Path(args.out))
    print(path)
    return 0
