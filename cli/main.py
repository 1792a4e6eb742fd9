"""The `northstar` command line: parse, run the command, and say a problem in one line."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from cli.errors import CliError
from cli.logging_setup import configure_logging
from cli.parsers import COMMANDS, OWN_DATABASE

log = logging.getLogger("northstar")


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
    from cli.startup import DATABASE_ERRORS, check_database_url, database_failure
    from storage.backups import BackupFailed
    from storage.schema_errors import UpgradeRefused

    try:
        if args.command not in OWN_DATABASE:
            check_database_url()
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
    except DATABASE_ERRORS as error:
        print(f"northstar: {database_failure(error)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
