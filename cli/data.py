"""`northstar import FILE.csv` and `northstar export --out DIR`."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.common import CliError, open_database, pick_workspace
from ritual.csv_import import CsvRejected, import_csv
from ritual.deps import Deps
from storage.csv_io import export_workspace
from storage.workspaces import all_workspaces
from texts import say


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CliError(f"cannot read {path}: {error}") from error
    db = open_database()
    with db.reader() as session:
        team = args.team or pick_workspace(session, None).id
        known = [w.id for w in all_workspaces(session)]
    outcome = import_csv(Deps(db=db), team, None, data, admin=True)
    unknown = "" if team in known else (f"; no workspace {team!r} in the database "
                                        f"(known: {', '.join(known) or 'none'})")
    if isinstance(outcome, CsvRejected):
        lines = "\n".join(f"  line {line}: {_problem(problem)}" for line, problem in outcome.errors[:50])
        more = f"\n  … and {len(outcome.errors) - 50} more" if len(outcome.errors) > 50 else ""
        raise CliError(f"{path}: nothing imported{unknown}, {len(outcome.errors)} error(s):\n{lines}{more}")
    result = outcome.result
    if unknown and not (result.added or result.settings or result.goals or result.by_kind):
        raise CliError(f"{path}: nothing to import{unknown}")
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(result.by_kind.items())) or "none"
    print(f"imported into {team}: {result.added} new entries ({kinds}), "
          f"{result.duplicates} already there, {result.settings} settings, {result.goals} goals")
    return 0


def _problem(problem: object) -> str:
    return say(problem, "en") if hasattr(problem, "code") else str(problem)


def cmd_export(args: argparse.Namespace) -> int:
    db = open_database()
    with db.session() as session:
        workspace = pick_workspace(session, args.team)
        path = export_workspace(session, workspace, Path(args.out))
    print(path)
    return 0
