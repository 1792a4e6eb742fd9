"""`northstar run` and `northstar db upgrade`."""

from __future__ import annotations

import argparse

from bot.process_config import BotConfig
from storage.db import Database


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    db = Database(BotConfig.from_env().database_url)
    db.upgrade()
    print(f"database is up to date: {db.engine.url.render_as_string(hide_password=True)}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from cli.serve import run

    return run(BotConfig.from_env(), port=args.port, ingest_port=args.ingest_port,
               workers=args.workers)
