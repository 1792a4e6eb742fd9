"""The `northstar` command line: one explicit table of commands."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from cli.common import CliError
from cli.data import cmd_export, cmd_import
from cli.demo import cmd_demo
from cli.logging_setup import configure_logging
from cli.maintenance import cmd_db_upgrade, cmd_rotate_secrets, cmd_run
from cli.purge import cmd_purge
from cli.reports import cmd_digest, cmd_report
from cli.startup import DATABASE_ERRORS, check_database_url, database_failure
from cli.tokens import cmd_token

log = logging.getLogger("northstar")
TEAM_HELP = "workspace id (needed with several workspaces)"
WEEK_HELP = "ISO week, e.g. 2026-W47 (default: last complete week)"


RUN_ENVIRONMENT = """environment:
  DATABASE_URL           sqlite:////path/northstar.db or postgresql://user:pw@host/db
                         (default: northstar.db in the working directory)
  SLACK_BOT_TOKEN        Bot User OAuth Token, xoxb-… (OAuth & Permissions)
  SLACK_SIGNING_SECRET   Signing Secret (Basic Information); HTTP mode
  SLACK_APP_TOKEN        app-level token, xapp-… (Basic Information); Socket Mode
  SLACK_API_URL          Slack's Web API base URL (default https://slack.com/api/)
  SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, NORTHSTAR_SECRET_KEY
                         many workspaces (OAuth) instead of SLACK_BOT_TOKEN
  NORTHSTAR_TICK_SECONDS, NORTHSTAR_PURGE_SECONDS
                         how often the scheduler ticks (60) and purges (3600)"""


def command(sub, name: str, text: str, **options) -> argparse.ArgumentParser:
    """A subcommand whose help line is also the description of its own --help."""
    return sub.add_parser(name, help=text, description=text, **options)


def _run(sub) -> None:
    run = command(sub, "run", "run the bot (Socket Mode with SLACK_APP_TOKEN, else HTTP)",
                  epilog=RUN_ENVIRONMENT, formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_argument("--port", type=int, default=3000, help="HTTP port (default 3000)")
    run.add_argument("--ingest-port", type=int, default=3001,
                     help="ingestion API port in Socket Mode (default 3001)")
    run.add_argument("--workers", type=int, default=2,
                     help="HTTP mode: worker processes (default 2; one of them runs the scheduler)")
    run.set_defaults(func=cmd_run)


def _db(sub) -> None:
    db = command(sub, "db", "database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    command(db_sub, "upgrade", "apply the schema migrations").set_defaults(func=cmd_db_upgrade)


def _rotate_secrets(sub) -> None:
    command(sub, "rotate-secrets",
            "re-encrypt the stored Slack tokens with the first key of NORTHSTAR_SECRET_KEY"
            ).set_defaults(func=cmd_rotate_secrets)


def _report(sub) -> None:
    report = command(sub, "report", "a week's KPIs, goals and drift verdicts")
    report.add_argument("--week", help=WEEK_HELP)
    report.add_argument("--json", action="store_true", help="JSON with the keys of docs/kpis.md")
    report.add_argument("--weeks", type=int, help="the trailing scorecard of this many weeks "
                        "(13: as in App Home), ending with --week or the running week")
    report.add_argument("--team", help=TEAM_HELP)
    report.set_defaults(func=cmd_report)


def _digest(sub) -> None:
    digest = command(sub, "digest", "render a week's digest, or post it to Slack")
    digest.add_argument("--week", help=WEEK_HELP)
    digest.add_argument("--team", help=TEAM_HELP)
    target = digest.add_mutually_exclusive_group()
    target.add_argument("--out", help="write digest.json, digest.txt and charts to this folder")
    target.add_argument("--post", action="store_true", help="post it to the KPI channel now")
    digest.set_defaults(func=cmd_digest)


def _demo(sub) -> None:
    demo = command(sub, "demo", "a sample business and its digest, no Slack needed")
    demo.add_argument("--out", default="northstar-demo", help="folder (default ./northstar-demo)")
    demo.set_defaults(func=cmd_demo)


def _import(sub) -> None:
    imp = command(sub, "import", "import entries from a CSV file (all or nothing)")
    imp.add_argument("file", help="CSV with columns date,kind,name,amount,… (see README)")
    imp.add_argument("--team", help="workspace id; created if missing")
    imp.set_defaults(func=cmd_import)


def _export(sub) -> None:
    exp = command(sub, "export", "export every entry, note, setting and goal as CSV")
    exp.add_argument("--out", required=True, help="folder for the CSV file")
    exp.add_argument("--team", help=TEAM_HELP)
    exp.set_defaults(func=cmd_export)


def _purge(sub) -> None:
    purge = command(sub, "purge", "delete every row of a workspace now (asks for --yes)")
    purge.add_argument("--team", required=True, help="workspace id (Slack team id)")
    purge.add_argument("--yes", action="store_true",
                       help="really delete; without it, show what would be deleted and exit 3")
    purge.set_defaults(func=cmd_purge)


def _token(sub) -> None:
    token = command(sub, "token", "create or rotate a workspace's ingestion token and print it "
                    "(the previous token stops working)")
    token.add_argument("--team", help=TEAM_HELP)
    token.set_defaults(func=cmd_token)


OWN_DATABASE = ("demo",)  # commands that never open DATABASE_URL
COMMANDS = (_run, _db, _rotate_secrets, _report, _digest, _demo, _import, _export, _purge, _token)


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
        if args.command not in OWN_DATABASE:
            check_database_url()
        return args.func(args)
    except CliError as error:
        print(f"northstar: {error}", file=sys.stderr)
        return 2
    except DATABASE_ERRORS as error:
        print(f"northstar: {database_failure(error)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
