"""The `northstar` command line."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from bot.config import BotConfig
from storage.db import Database

log = logging.getLogger("northstar")


class CliError(Exception):
    """A problem the user can fix; printed without a traceback, exit code 2."""


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    db = Database(BotConfig.from_env().database_url)
    db.upgrade()
    print(f"database is up to date: {db.engine.url.render_as_string(hide_password=True)}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from bot.runner import run

    return run(BotConfig.from_env(), port=args.port, ingest_port=args.ingest_port)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="northstar",
        description="The weekly KPI ritual of a micro-business, in Slack.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="run the bot (Socket Mode with SLACK_APP_TOKEN, else HTTP)")
    run.add_argument("--port", type=int, default=3000, help="HTTP port (default 3000)")
    run.add_argument("--ingest-port", type=int, default=3001,
                     help="ingestion API port in Socket Mode (default 3001)")
    run.set_defaults(func=cmd_run)

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_sub.add_parser("upgrade", help="apply the schema migrations").set_defaults(
        func=cmd_db_upgrade)

    for register in EXTRA_COMMANDS:
        register(sub)
    return parser


EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []


def main(argv: Sequence[str] | None = None) -> int:
    import bot.cli_data  # noqa: F401 - registers import and export
    import bot.cli_reports  # noqa: F401 - registers report, digest and demo

    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not args.verbose:
        for noisy in ("alembic", "apscheduler"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        return args.func(args)
    except CliError as error:
        print(f"northstar: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
