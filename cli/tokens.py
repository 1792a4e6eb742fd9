"""`northstar token [--team T]`: create or rotate a workspace's ingestion token and print it."""

from __future__ import annotations

import argparse
import sys

from cli.common import open_database, pick_workspace
from storage.workspaces import rotate_ingest_token


def cmd_token(args: argparse.Namespace) -> int:
    """The new token alone on stdout (so `TOKEN=$(northstar token)` works); what it means on stderr."""
    db = open_database()
    try:
        with db.session() as session:
            workspace = pick_workspace(session, args.team)
            token = rotate_ingest_token(session, workspace)
            team = workspace.id
    finally:
        db.dispose()
    print(token)
    print(f"northstar: new ingestion token of workspace {team}, shown only now; the previous one "
          "no longer works. Send it as `Authorization: Bearer <token>` to POST /ingest/v1/events",
          file=sys.stderr)
    return 0
