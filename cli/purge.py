"""`northstar purge --team T [--yes]`: delete every row of a workspace now."""

from __future__ import annotations

import argparse
import sys

from cli.common import open_database
from ritual.deps import Deps
from ritual.lifecycle import UnknownWorkspace, planned_purge, purge_now


def _table(counts: dict[str, int]) -> str:
    width = max(len(name) for name in counts)
    return "\n".join(f"  {name:<{width}}  {count:>9,}" for name, count in sorted(counts.items()))


def cmd_purge(args: argparse.Namespace) -> int:
    db = open_database()
    try:
        deps = Deps(db=db)
        try:
            counts = planned_purge(deps, args.team) if not args.yes else purge_now(deps, args.team)
        except UnknownWorkspace:
            print(f"northstar: no workspace {args.team!r} in this database; nothing deleted",
                  file=sys.stderr)
            return 1
        if not args.yes:
            print(f"would delete every row of workspace {args.team}:\n{_table(counts)}\n"
                  "nothing deleted; run again with --yes to delete it now")
            return 3
        print(f"deleted every row of workspace {args.team}:\n{_table(counts)}")
        return 0
    finally:
        db.dispose()
