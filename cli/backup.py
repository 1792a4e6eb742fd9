"""`northstar backup [--out FILE]` and `northstar restore FILE --yes`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.common import CliError
from storage.backups import BackupFailed
from storage.clock import utc_now
from storage.database_backup import backup_database, check_tools, current_revision, default_name
from storage.db import default_url
from storage.restore import restore

UNCHANGED = "nothing was changed"
REASONS = {
    "no_file": "{file}: no such file",
    "no_database": "no database at {file}",
    "unreadable": "cannot read {file} ({problem}); " + UNCHANGED,
    "in_memory": "an in-memory database cannot be backed up or restored (see DATABASE_URL)",
    "exists": "{file} exists already; choose another --out",
    "not_a_backup": "{file} is not a northstar backup; " + UNCHANGED,
    "damaged": "{file} is damaged ({problem}); " + UNCHANGED,
    "too_new": "{file} was made by a newer northstar (schema {revision}; this one knows up to {head}): "
               "upgrade northstar first; " + UNCHANGED,
    "in_use": "{file} is open in another process: stop every `northstar run` before restoring; "
              + UNCHANGED,
    "copy_failed": "could not write {file} ({problem}); " + UNCHANGED,
    "migration_failed": "migrating the backup to this version failed ({problem}); " + UNCHANGED,
    "no_scratch_database": "an older backup is migrated in a scratch database, and creating one failed "
                           "({problem}); " + UNCHANGED,
    "restore_failed": "pg_restore failed ({problem}); its transaction was rolled back, " + UNCHANGED,
    "tool_missing": "{tool} was not found on PATH or in /usr/lib/postgresql/*/bin: install the "
                    "PostgreSQL client programs (e.g. `apt install postgresql-client`)",
    "tool_failed": "{tool} failed: {problem}",
    "unreachable": "cannot reach the database: {problem}",
}


def describe(error: BackupFailed) -> str:
    """The one line that tells the operator what went wrong."""
    return REASONS.get(error.reason, error.reason + " {details}").format(**error.details,
                                                                         details=error.details)


class _Meter:
    """Progress on the terminal, rewritten in place: pages copied, or tables dumped."""

    shown = False

    def __call__(self, done: int, total: int, unit: str) -> None:
        so_far = f"copied {done:,} of {total:,} {unit}" if total else f"dumped {done:,} {unit}"
        print(f"\r{so_far}", end="", file=sys.stderr, flush=True)
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            print(file=sys.stderr)


def cmd_backup(args: argparse.Namespace) -> int:
    url = default_url()
    meter = _Meter() if sys.stderr.isatty() else None
    try:
        check_tools(url)
        revision = current_revision(url)
        target = Path(args.out) if args.out else Path.cwd() / default_name(url, revision, utc_now())
        backup_database(url, target, meter)
    except BackupFailed as error:
        raise CliError(describe(error)) from error
    finally:
        if meter:
            meter.finish()
    print(f"backup written: {target} (schema {revision}, {target.stat().st_size:,} bytes)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    if not args.yes:
        raise CliError(f"restore replaces every row of the database with those in {args.file}; "
                       "run again with --yes to do it")
    try:
        restored = restore(default_url(), Path(args.file))
    except BackupFailed as error:
        raise CliError(describe(error)) from error
    migrated = f", migrated to {restored.head}" if restored.revision != restored.head else ""
    print(f"restored {args.file} (schema {restored.revision}{migrated})")
    return 0
