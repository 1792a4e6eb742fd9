"""The `northstar` command line: one explicit table of commands.

Each command's module is imported when that command runs, so `northstar --help` loads none of
the heavy libraries (pandas, matplotlib, scipy, SQLAlchemy, Slack).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence

from cli.errors import CliError
from cli.logging_setup import configure_logging

log = logging.getLogger("northstar")


def command(module: str, function: str) -> Callable[[argparse.Namespace], int]:
    """A command function imported from `cli.<module>` only when it is called."""

    def run(args: argparse.Namespace) -> int:
        return getattr(importlib.import_module(f"cli.{module}"), function)(args)

    run.__name__ = function
    return run

TEAM_HELP = "workspace id (needed with several workspaces)"
WEEK_HELP = "ISO week, e.g. 2026-W47 (default: last complete week)"


def _run(sub) -> None:
    run = sub.add_parser("run", help="run the bot (Socket Mode with SLACK_APP_TOKEN, else HTTP)")
    run.add_argument("--port", type=int, default=3000, help="HTTP port (default 3000)")
    run.add_argument("--ingest-port", type=int, default=3001,
                     help="ingestion API port in Socket Mode (default 3001)")
    run.add_argument("--workers", type=int, default=2,
                     help="HTTP mode: worker processes (default 2; one of them runs the scheduler)")
    run.set_defaults(func=command("maintenance", "cmd_run"))


def _db(sub) -> None:
    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    upgrade = db_sub.add_parser("upgrade", help="apply the schema migrations")
    upgrade.set_defaults(func=command("maintenance", "cmd_db_upgrade"))


def _rotate_secrets(sub) -> None:
    sub.add_parser("rotate-secrets",
                   help="re-encrypt the stored Slack tokens with the first key of NORTHSTAR_SECRET_KEY"
                   ).set_defaults(func=command("maintenance", "cmd_rotate_secrets"))


def _report(sub) -> None:
    report = sub.add_parser("report", help="a week's KPIs, goals and drift verdicts")
    report.add_argument("--week", help=WEEK_HELP)
    report.add_argument("--json", action="store_true", help="JSON with the keys of docs/kpis.md")
    report.add_argument("--weeks", type=int, help="the trailing scorecard of this many weeks "
                        "(13: as in App Home), ending with --week or the running week")
    report.add_argument("--team", help=TEAM_HELP)
    report.set_defaults(func=command("reports", "cmd_report"))


def _digest(sub) -> None:
    digest = sub.add_parser("digest", help="render a week's digest, or post it to Slack")
    digest.add_argument("--week", help=WEEK_HELP)
    digest.add_argument("--team", help=TEAM_HELP)
    target = digest.add_mutually_exclusive_group()
    target.add_argument("--out", help="write digest.json, digest.txt and charts to this folder")
    target.add_argument("--post", action="store_true", help="post it to the KPI channel now")
    digest.set_defaults(func=command("reports", "cmd_digest"))


def _demo(sub) -> None:
    demo = sub.add_parser("demo", help="a sample business and its digest, no Slack needed")
    demo.add_argument("--out", default="northstar-demo", help="folder (default ./northstar-demo)")
    demo.set_defaults(func=command("demo", "cmd_demo"))


def _import(sub) -> None:
    imp = sub.add_parser("import", help="import entries from a CSV file (all or nothing)")
    imp.add_argument("file", help="CSV with columns date,kind,name,amount,… (see README)")
    imp.add_argument("--team", help="workspace id; created if missing")
    imp.set_defaults(func=command("data", "cmd_import"))


def _export(sub) -> None:
    exp = sub.add_parser("export", help="export every entry, note, setting and goal as CSV")
    exp.add_argument("--out", required=True, help="folder for the CSV file")
    exp.add_argument("--team", help=TEAM_HELP)
    exp.set_defaults(func=command("data", "cmd_export"))


def _purge(sub) -> None:
    purge = sub.add_parser("purge", help="delete every row of a workspace now (asks for --yes)")
    purge.add_argument("--team", required=True, help="workspace id (Slack team id)")
    purge.add_argument("--yes", action="store_true",
                       help="really delete; without it, show what would be deleted and exit 3")
    purge.set_defaults(func=command("purge", "cmd_purge"))


def _backup_and_restore(sub) -> None:
    backup = sub.add_parser(
        "backup", help="write a consistent copy of the database (safe while the bot runs)",
        description="SQLite: a copy through SQLite's backup API. PostgreSQL: pg_dump --format=custom. "
                    "Restore it with `northstar restore FILE --yes`.")
    backup.add_argument("--out", help="file to write (default: northstar-<UTC time>-<schema>.db, "
                        "or .dump on PostgreSQL, in the current folder)")
    backup.set_defaults(func=command("backup", "cmd_backup"))
    restore = sub.add_parser(
        "restore", help="replace the database with a backup (asks for --yes)",
        description="Checks that FILE is an intact northstar backup this version understands, "
                    "migrates it to the current schema on a scratch copy, and only then replaces "
                    "the database. Stop the bot first (SQLite refuses while it runs).")
    restore.add_argument("file", help="a file written by `northstar backup`")
    restore.add_argument("--yes", action="store_true",
                         help="really replace every row of the database with the backup's")
    restore.set_defaults(func=command("backup", "cmd_restore"))



def _doctor(sub) -> None:
    doctor = sub.add_parser("doctor", help="check the configuration, Slack token and scopes, "
                            "channels, database, secret key and clock (exit 1 on a failure)")
    doctor.set_defaults(func=command("doctor", "cmd_doctor"))


COMMANDS = (_run, _db, _rotate_secrets, _report, _digest, _demo, _import, _export, _purge,
            _backup_and_restore, _doctor)


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
    from cli.backup import describe as describe_backup_failure
    from storage.backups import BackupFailed
    from storage.db import UpgradeRefused

    try:
        return args.func(args)
    except CliError as error:
        print(f"northstar: {error}", file=sys.stderr)
        return 2
    except UpgradeRefused as error:
        print(f"northstar: database not upgraded: {error}", file=sys.stderr)
        return 1
    except BackupFailed as error:  # the copy before a migration could not be written
        print(f"northstar: {describe_backup_failure(error)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
