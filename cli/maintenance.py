"""`northstar run`, `northstar db upgrade` and `northstar rotate-secrets`."""

from __future__ import annotations

import argparse

from bot.process_config import BotConfig
from cli.common import CliError
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


def cmd_rotate_secrets(args: argparse.Namespace) -> int:
    """Re-encrypt every stored Slack token with the first key of NORTHSTAR_SECRET_KEY."""
    from bot.installations import rotate_stored_tokens, unreadable_tokens_problem
    from bot.oauth import secret_key_problem
    from storage.secret_box import SecretBox, UnreadableSecret

    config = BotConfig.from_env()
    problem = secret_key_problem(config.secret_key)
    if problem:
        raise CliError(problem.replace("OAuth distribution stores", "rotate-secrets re-encrypts"))
    box = SecretBox.from_setting(config.secret_key)
    db = Database(config.database_url)
    db.upgrade()
    try:
        with db.engine.begin() as connection:
            unreadable = unreadable_tokens_problem(connection, box)
            if unreadable:
                raise CliError(unreadable)
            count = rotate_stored_tokens(connection, box)
    except UnreadableSecret as error:
        raise CliError(f"{error} opens with none of the keys in NORTHSTAR_SECRET_KEY (was the old "
                       "key removed before rotating?); nothing was changed") from error
    finally:
        db.dispose()
    print(f"re-encrypted {count} stored token(s) with the first of {box.key_count} key(s); "
          "the other keys can now be removed from NORTHSTAR_SECRET_KEY")
    return 0
