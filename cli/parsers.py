"""The table of `northstar` commands: each one's arguments, help, and the function that runs it.

The function of a command is imported from its `cli` module only when the command runs, so
`northstar --help` loads none of the heavy libraries (pandas, matplotlib, scipy, SQLAlchemy, Slack).
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

TEAM_HELP = "workspace id (needed with several workspaces)"
WEEK_HELP = "ISO week, e.g. 2026-W47 (default: last complete week)"


def lazy(module: str, function: str) -> Callable[[argparse.Namespace], int]:
    """A command function imported from `cli.<module>` only when it is called."""

    def run(args: argparse.Namespace) -> int:
        return getattr(importlib.import_module(f"cli.{module}"), function)(args)

    run.__name__ = function
    return run


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


def subcommand(sub, name: str, text: str, **options) -> argparse.ArgumentParser:
    """A subcommand whose help line is also the description of its own --help."""
    return sub.add_parser(name, help=text, description=text, **options)


def _run(sub) -> None:
    run = subcommand(sub, "run", "run the bot (Socket Mode with SLACK_APP_TOKEN, else HTTP)",
                  epilog=RUN_ENVIRONMENT, formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_argument("--port", type=int, default=3000, help="HTTP port (default 3000)")
    run.add_argument("--ingest-port", type=int, default=3001,
                     help="ingestion API port in Socket Mode (default 3001)")
    run.add_argument("--workers", type=int, default=2,
                     help="HTTP mode: worker processes (default 2; one of them runs the scheduler)")
    run.set_defaults(func=lazy("maintenance", "cmd_run"))


def _db(sub) -> None:
    db = subcommand(sub, "db", "database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    upgrade = subcommand(db_sub, "upgrade", "apply the schema migrations")
    upgrade.set_defaults(func=lazy("maintenance", "cmd_db_upgrade"))


def _rotate_secrets(sub) -> None:
    subcommand(sub, "rotate-secrets",
            "re-encrypt the stored Slack tokens with the first key of NORTHSTAR_SECRET_KEY"
            ).set_defaults(func=lazy("maintenance", "cmd_rotate_secrets"))


def _report(sub) -> None:
    report = subcommand(sub, "report", "a week's KPIs, goals and drift verdicts")
    report.add_argument("--week", help=WEEK_HELP)
    report.add_argument("--json", action="store_true", help="JSON with the keys of docs/kpis.md")
    report.add_argument("--weeks", type=int, help="the trailing scorecard of this many weeks "
                        "(13: as in App Home), ending with --week or the running week")
    report.add_argument("--team", help=TEAM_HELP)
    report.set_defaults(func=lazy("reports", "cmd_report"))


def _digest(sub) -> None:
    digest = subcommand(sub, "digest", "render a week's digest, or post it to Slack")
    digest.add_argument("--week", help=WEEK_HELP)
    digest.add_argument("--team", help=TEAM_HELP)
    target = digest.add_mutually_exclusive_group()
    target.add_argument("--out", help="write digest.json, digest.txt and charts to this folder")
    target.add_argument("--post", action="store_true", help="post it to the KPI channel now")
    digest.set_defaults(func=lazy("reports", "cmd_digest"))


def _demo(sub) -> None:
    demo = subcommand(sub, "demo", "a sample business and its digest, no Slack needed")
    demo.add_argument("--out", default="northstar-demo", help="folder (default ./northstar-demo)")
    demo.set_defaults(func=lazy("demo", "cmd_demo"))


def _import(sub) -> None:
    from capture.imports.detect import SOURCES

    imp = subcommand(sub, "import", "import exports (Stripe, PayPal, Shopify, banks, CAMT, MT940) "
                     "or northstar CSV; `import undo ID` removes an import")
    imp.add_argument("files", nargs="+", metavar="FILE",
                     help="export files, recognised by their header (or: undo IMPORT_ID)")
    imp.add_argument("--team", help="workspace id; created if missing")
    imp.add_argument("--source", default="auto",
                     help="the export's source: " + ", ".join(("auto", "northstar", *SOURCES))
                     + " or a saved mapping (default: auto, recognised by the header)")
    imp.add_argument("--map", dest="mapping", metavar="SPEC",
                     help='columns of a layout no profile knows, e.g. "date=Datum,amount=Betrag,'
                     'description=Text" (also debit=, credit=, counterparty=, id=, currency=, '
                     'date_format=%%d.%%m.%%Y, decimal=,)')
    imp.add_argument("--save-as", metavar="NAME",
                     help="save --map under NAME; later files with the same header use it")
    imp.add_argument("--dry-run", action="store_true", help="show what would be stored; store nothing")
    imp.add_argument("--json", action="store_true", help="one JSON object per file")
    imp.set_defaults(func=lazy("imports", "cmd_import"))


def _imports(sub) -> None:
    imps = subcommand(sub, "imports", "list the imports of exports (id, when, source, counts)")
    imps.add_argument("--team", help=TEAM_HELP)
    imps.add_argument("--json", action="store_true", help="as JSON")
    imps.set_defaults(func=lazy("imports", "cmd_imports"))


def _export(sub) -> None:
    exp = subcommand(sub, "export", "export every entry, note, setting and goal as CSV")
    exp.add_argument("--out", required=True, help="folder for the CSV file")
    exp.add_argument("--team", help=TEAM_HELP)
    exp.set_defaults(func=lazy("data", "cmd_export"))


def _purge(sub) -> None:
    purge = subcommand(sub, "purge", "delete every row of a workspace now (asks for --yes)")
    purge.add_argument("--team", required=True, help="workspace id (Slack team id)")
    purge.add_argument("--yes", action="store_true",
                       help="really delete; without it, show what would be deleted and exit 3")
    purge.set_defaults(func=lazy("purge", "cmd_purge"))


def _token(sub) -> None:
    token = subcommand(sub, "token", "create or rotate a workspace's ingestion token and print it "
                    "(the previous token stops working)")
    token.add_argument("--team", help=TEAM_HELP)
    token.set_defaults(func=lazy("tokens", "cmd_token"))


def _backup_and_restore(sub) -> None:
    backup = sub.add_parser(
        "backup", help="write a consistent copy of the database (safe while the bot runs)",
        description="SQLite: a copy through SQLite's backup API. PostgreSQL: pg_dump --format=custom. "
                    "Restore it with `northstar restore FILE --yes`.")
    backup.add_argument("--out", help="file to write (default: northstar-<UTC time>-<schema>.db, "
                        "or .dump on PostgreSQL, in the current folder)")
    backup.set_defaults(func=lazy("backup", "cmd_backup"))
    restore = sub.add_parser(
        "restore", help="replace the database with a backup (asks for --yes)",
        description="Checks that FILE is an intact northstar backup this version understands, "
                    "migrates it to the current schema on a scratch copy, and only then replaces "
                    "the database. Stop the bot first (SQLite refuses while it runs).")
    restore.add_argument("file", help="a file written by `northstar backup`")
    restore.add_argument("--yes", action="store_true",
                         help="really replace every row of the database with the backup's")
    restore.set_defaults(func=lazy("backup", "cmd_restore"))


def _doctor(sub) -> None:
    subcommand(sub, "doctor", "check the configuration, Slack token and scopes, channels, "
               "database, secret key and clock (exit 1 on a failure)"
               ).set_defaults(func=lazy("doctor", "cmd_doctor"))


OWN_DATABASE = ("demo", "doctor")  # commands that do not open DATABASE_URL, or check it themselves
COMMANDS = (_run, _db, _rotate_secrets, _report, _digest, _demo, _import, _imports, _export,
            _purge, _token, _backup_and_restore, _doctor)
