"""northstar's own CSV (`northstar import FILE.csv`, `--source northstar`) and `northstar export`."""

from __future__ import annotations

import argparse
from pathlib import Path

from capture.imports.detect import SOURCES
from cli.common import CliError, open_database, pick_workspace
from ritual.csv_import import CsvPreview, CsvRejected, import_csv, preview_csv
from ritual.deps import Deps
from storage.csv_io import export_workspace
from texts import say, t


def import_northstar_csv(deps: Deps, team: str, path: Path, data: bytes, dry_run: bool,
                         as_json: bool, unknown: tuple[str, str] | None = None,
                         known_teams: list[str] | None = None) -> dict | None:
    """Import (or preview) a file in northstar's own CSV columns; its JSON answer when asked.

    `unknown` (language, first line): no export profile knew the file, so a file without
    northstar's columns is refused as an unknown layout. `known_teams`: the workspaces stored
    so far; a team not among them is named in a refusal (a typo creates nothing)."""
    new_team = "" if known_teams is None or team in known_teams else (
        f"; no workspace {team!r} in the database (known: {', '.join(known_teams) or 'none'})")
    outcome = (preview_csv(deps, team, data, admin=True) if dry_run
               else import_csv(deps, team, None, data, admin=True))
    if isinstance(outcome, CsvRejected):
        codes = {getattr(problem, "code", "") for _, problem in outcome.errors}
        if unknown is not None and codes & {"csv_missing_columns", "csv_empty"}:
            lang, header = unknown
            raise CliError(f"{path}: " + t("import_unknown_layout", lang, header=header,
                                           known=", ".join(("northstar", *SOURCES))))
        lines = "\n".join(f"  line {line}: {_problem(problem)}" for line, problem in outcome.errors[:50])
        more = f"\n  … and {len(outcome.errors) - 50} more" if len(outcome.errors) > 50 else ""
        raise CliError(f"{path}: nothing imported{new_team}, {len(outcome.errors)} error(s):\n"
                       f"{lines}{more}")
    if isinstance(outcome, CsvPreview):
        if as_json:
            return {"source": "northstar", "rows": outcome.rows, "by_kind": outcome.by_kind}
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(outcome.by_kind.items())) or "none"
        print(f"{path.name}: northstar CSV, {outcome.rows} rows ({kinds}); dry run: nothing stored")
        return None
    result = outcome.result
    if new_team and not (result.added or result.settings or result.goals or result.by_kind):
        raise CliError(f"{path}: nothing to import{new_team}")
    if as_json:
        return {"source": "northstar", "rows": result.added + result.duplicates,
                "new": result.added, "duplicate": result.duplicates,
                "settings": result.settings, "goals": result.goals}
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(result.by_kind.items())) or "none"
    print(f"imported into {team}: {result.added} new entries ({kinds}), "
          f"{result.duplicates} already there, {result.settings} settings, {result.goals} goals")
    return None


def _problem(problem: object) -> str:
    return say(problem, "en") if hasattr(problem, "code") else str(problem)


def cmd_export(args: argparse.Namespace) -> int:
    db = open_database()
    with db.session() as session:
        workspace = pick_workspace(session, args.team)
        path = export_workspace(session, workspace, Path(args.out))
    print(path)
    return 0
