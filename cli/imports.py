"""`northstar import FILE …` for exports (Stripe, PayPal, Shopify, banks), `northstar imports`,
and `northstar import undo ID`; files no profile knows go to northstar's own CSV import."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.digest.cohort_words import without_customer_line
from capture.imports.detect import SOURCES
from cli.common import CliError, open_database, pick_workspace
from cli.data import import_northstar_csv
from ritual.deps import Deps
from ritual.file_import import (
    ImportRefusal,
    ImportRequest,
    ImportSummary,
    NotAnExport,
    import_file,
    imports_of,
    undo,
)
from storage.workspaces import all_workspaces
from texts import say, t
from texts.import_answer import summary_json, weeks_json

PROGRESS_BYTES = 1024 * 1024


def summary_text(summary: ImportSummary) -> str:
    lang = summary.lang
    reasons = ", ".join(f"{n} {t(f'import.skip.{reason}', lang)}"
                        for reason, n in sorted(summary.skipped.items()))
    lines = [t("import.summary", lang, source=summary.source, rows=summary.rows,
               new=summary.new, updated=summary.updated, duplicate=summary.duplicate,
               skipped=sum(summary.skipped.values()), reasons=f" ({reasons})" if reasons else "",
               errors=len(summary.errors))]
    lines += ["  " + t("import.line", lang, line=p.line, problem=say(p, lang))
              for p in summary.errors[:50]]
    lines += ["  " + t("import.week", lang, week=week, **values)
              for week, values in weeks_json(summary.weeks).items()]
    lines += [line for line in [without_customer_line(summary.without_customer, lang)] if line]
    lines.append(t("import.stored", lang, id=summary.import_id) if summary.import_id
                 else t("import.dry_run", lang))
    return "\n".join(lines)


def _progress(path: Path, size: int, lang_hint: str = "en"):
    """A line on the terminal that counts the rows of a big file (nothing when piped)."""
    if size < PROGRESS_BYTES or not sys.stderr.isatty():
        return None

    def show(rows: int) -> None:
        print(f"\r{path.name}: {t('import.progress', lang_hint, rows=rows)}", end="",
              file=sys.stderr, flush=True)

    return show


def _import_one(deps: Deps, team: str, path: Path, args: argparse.Namespace,
                known: list[str]) -> dict | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CliError(f"cannot read {path}: {error}") from error
    if args.source == "northstar" and not args.mapping:
        return import_northstar_csv(deps, team, path, data, args.dry_run, args.json,
                                    known_teams=known)
    request = ImportRequest(team_id=team, data=data, file_name=path.name, source=args.source,
                            dry_run=args.dry_run, mapping=args.mapping, save_as=args.save_as)
    progress = _progress(path, len(data))
    outcome = import_file(deps, request, progress)
    if progress is not None:
        print(file=sys.stderr)
    if isinstance(outcome, NotAnExport):
        return import_northstar_csv(deps, team, path, data, args.dry_run, args.json,
                                    unknown=(outcome.lang, outcome.header), known_teams=known)
    if isinstance(outcome, ImportRefusal):
        params = {"known": ", ".join(SOURCES), **outcome.params}
        code = "import_wrong_source" if outcome.code == "import_unknown_layout" else outcome.code
        raise CliError(f"{path}: {t(code, outcome.lang, **params)}")
    if args.json:
        return summary_json(outcome)
    print(f"{path.name}: {summary_text(outcome)}")
    return None


def cmd_import(args: argparse.Namespace) -> int:
    if args.save_as and not args.mapping:
        raise CliError("--save-as names a mapping given with --map")
    if args.files[0] == "undo" and len(args.files) == 2 and not Path("undo").exists():
        return _undo(args, args.files[1])
    db = open_database()
    with db.reader() as session:
        team = args.team or pick_workspace(session, None).id
        known = [workspace.id for workspace in all_workspaces(session)]
    deps = Deps(db=db)
    answers = [_import_one(deps, team, Path(name), args, known) for name in args.files]
    if args.json:
        print(json.dumps(answers[0] if len(answers) == 1 else answers, ensure_ascii=False))
    return 0


def _undo(args: argparse.Namespace, import_id: str) -> int:
    db = open_database()
    with db.reader() as session:
        workspace = pick_workspace(session, args.team)
        team, lang = workspace.id, workspace.language
    outcome = undo(Deps(db=db), team, import_id)
    if isinstance(outcome, ImportRefusal):
        raise CliError(t(outcome.code, outcome.lang, **outcome.params))
    print(t("import.undone", lang, id=import_id, rows=outcome))
    return 0


def cmd_imports(args: argparse.Namespace) -> int:
    db = open_database()
    with db.reader() as session:
        workspace = pick_workspace(session, args.team)
        team, lang = workspace.id, workspace.language
    rows = imports_of(Deps(db=db), team)
    if args.json:
        print(json.dumps([{"id": r.id, "created_at": r.created_at.isoformat(),
                           "source": r.profile, "file": r.file_name, "rows": r.rows,
                           "new": r.new, "updated": r.updated, "duplicate": r.duplicate,
                           "skipped": r.skipped, "errors": r.errors,
                           "undone_at": r.undone_at.isoformat() if r.undone_at else None}
                          for r in rows], ensure_ascii=False))
        return 0
    if not rows:
        print(t("import.none", lang))
    for r in rows:
        undone = f"  undone {r.undone_at:%Y-%m-%d %H:%M}" if r.undone_at else ""
        print(f"{r.id}  {r.created_at:%Y-%m-%d %H:%M}  {r.profile:<10} {r.file_name or '-'}  "
              f"rows {r.rows}, new {r.new}, updated {r.updated}, duplicate {r.duplicate}, "
              f"skipped {sum(r.skipped.values())}, errors {r.errors}{undone}")
    return 0
