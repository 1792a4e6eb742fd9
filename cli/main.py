"""The `northstar` command line: one explicit table of commands."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from capture.imports.detect import SOURCES as IMPORT_SOURCES
from cli.common import CliError
from cli.data import cmd_export
from cli.demo import cmd_demo
from cli.imports import cmd_import, cmd_imports
from cli.logging_setup import configure_logging
from cli.maintenance import cmd_db_upgrade, cmd_rotate_secrets, cmd_run
from cli.purge import cmd_purge
from cli.reports import cmd_digest, cmd_report

log = logging.getLogger("northstar")
TEAM_HELP = "workspace id (needed with several workspaces)"
WEEK_HELP = "ISO week, e.g. 2026-W47 (default: last complete week)"


def _run(sub) -> None:
    run = sub.add_parser("run", help="run the bot (Socket Mode with SLACK_APP_TOKEN, else HTTP)")
    run.add_argument("--port", type=int, default=3000, help="HTTP port (default 3000)")
    run.add_argument("--ingest-port", type=int, default=3001,
                     help="ingestion API port in Socket Mode (default 3001)")
    run.add_argument("--workers", type=int, default=2,
                     help="HTTP mode: worker processes (default 2; one of them runs the scheduler)")
    run.set_defaults(func=cmd_run)


def _db(sub) -> None:
    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_sub.add_parser("upgrade", help="apply the schema migrations").set_defaults(func=cmd_db_upgrade)


def _rotate_secrets(sub) -> None:
    sub.add_parser("rotate-secrets",
                   help="re-encrypt the stored Slack tokens with the first key of NORTHSTAR_SECRET_KEY"
                   ).set_defaults(func=cmd_rotate_secrets)


def _report(sub) -> None:
    report = sub.add_parser("report", help="a week's KPIs, goals and drift verdicts")
    report.add_argument("--week", help=WEEK_HELP)
    report.add_argument("--json", action="store_true", help="JSON with the keys of docs/kpis.md")
    report.add_argument("--weeks", type=int, help="the trailing scorecard of this many weeks "
                        "(13: as in App Home), ending with --week or the running week")
    report.add_argument("--team", help=TEAM_HELP)
    report.set_defaults(func=cmd_report)


def _digest(sub) -> None:
    digest = sub.add_parser("digest", help="render a week's digest, or post it to Slack")
    digest.add_argument("--week", help=WEEK_HELP)
    digest.add_argument("--team", help=TEAM_HELP)
    target = digest.add_mutually_exclusive_group()
    target.add_argument("--out", help="write digest.json, digest.txt and charts to this folder")
    target.add_argument("--post", action="store_true", help="post it to the KPI channel now")
    digest.set_defaults(func=cmd_digest)


def _demo(sub) -> None:
    demo = sub.add_parser("demo", help="a sample business and its digest, no Slack needed")
    demo.add_argument("--out", default="northstar-demo", help="folder (default ./northstar-demo)")
    demo.set_defaults(func=cmd_demo)


def _import(sub) -> None:
    imp = sub.add_parser("import", help="import exports (Stripe, PayPal, Shopify, banks, CAMT, "
                         "MT940) or northstar CSV; `import undo ID` removes an import")
    imp.add_argument("files", nargs="+", metavar="FILE",
                     help="export files, recognised by their header (or: undo IMPORT_ID)")
    imp.add_argument("--team", help="workspace id; created if missing")
    imp.add_argument("--source", default="auto",
                     help="the export's source: " + ", ".join(("auto", "northstar", *IMPORT_SOURCES))
                     + " or a saved mapping (default: auto, recognised by the header)")
    imp.add_argument("--map", dest="mapping", metavar="SPEC",
                     help='columns of a layout no profile knows, e.g. "date=Datum,amount=Betrag,'
                     'description=Text" (also debit=, credit=, counterparty=, id=, currency=, '
                     'date_format=%%d.%%m.%%Y, decimal=,)')
    imp.add_argument("--save-as", metavar="NAME",
                     help="save --map under NAME; later files with the same header use it")
    imp.add_argument("--dry-run", action="store_true", help="show what would be stored; store nothing")
    imp.add_argument("--json", action="store_true", help="one JSON object per file")
    imp.set_defaults(func=cmd_import)


def _imports(sub) -> None:
    imps = sub.add_parser("imports", help="list the imports of exports (id, when, source, counts)")
    imps.add_argument("--team", help=TEAM_HELP)
    imps.add_argument("--json", action="store_true", help="as JSON")
    imps.set_defaults(func=cmd_imports)


def _export(sub) -> None:
    exp = sub.add_parser("export", help="export every entry, note, setting and goal as CSV")
    exp.add_argument("--out", required=True, help="folder for the CSV file")
    exp.add_argument("--team", help=TEAM_HELP)
    exp.set_defaults(func=cmd_export)


def _purge(sub) -> None:
    purge = sub.add_parser("purge", help="delete every row of a workspace now (asks for --yes)")
    purge.add_argument("--team", required=True, help="workspace id (Slack team id)")
    purge.add_argument("--yes", action="store_true",
                       help="really delete; without it, show what would be deleted and exit 3")
    purge.set_defaults(func=cmd_purge)


COMMANDS = (_run, _db, _rotate_secrets, _report, _digest, _demo, _import, _imports, _export,
            _purge)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="northstar", description="The weekly KPI ritual of a micro-business, in Slack.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(args.verbose)
    try:
        return args.func(args)
    except CliError as error:
        print(f"northstar: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
