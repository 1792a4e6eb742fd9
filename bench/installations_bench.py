"""What encrypting the installations costs: a workspace's token lookup with the encrypted store
against slack_sdk's plain store (same tables, same run), and `rotate-secrets` over all of them.

    .venv/bin/python -m bench.installations_bench [WORKSPACES]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

from bot.installations import EncryptedInstallationStore, rotate_stored_tokens
from storage.db import Database
from storage.secret_box import SecretBox

CLIENT_ID = "1111.2222"


def installation(number: int) -> Installation:
    return Installation(app_id="A0BENCH", team_id=f"T{number:06d}", team_name=f"Team {number}",
                        bot_token=f"xoxb-{number:06d}-{'x' * 48}", bot_id="B0", bot_user_id="U0",
                        bot_scopes="commands,chat:write", user_id="U0INSTALLER")


def fresh_database(folder: Path, name: str) -> Database:
    db = Database(f"sqlite:///{folder / name}")
    db.upgrade()
    return db


def lookups_ms(find, teams: list[str], rounds: int = 3) -> float:
    """Median milliseconds per lookup over a few rounds of every team."""
    per_round = []
    for _ in range(rounds):
        start = time.perf_counter()
        for team in teams:
            find(team)
        per_round.append((time.perf_counter() - start) * 1000 / len(teams))
    return statistics.median(per_round)


def main(workspaces: int) -> None:
    old_key = SecretBox.generate_key()
    key = SecretBox([old_key])
    with tempfile.TemporaryDirectory() as folder:
        plain_db, secret_db = (fresh_database(Path(folder), name) for name in ("plain.db", "secret.db"))
        plain = SQLAlchemyInstallationStore(CLIENT_ID, plain_db.engine)
        encrypted = EncryptedInstallationStore(CLIENT_ID, secret_db.engine, key)
        for number in range(workspaces):
            plain.save(installation(number))
            encrypted.save(installation(number))
        teams = [f"T{number:06d}" for number in range(workspaces)]
        plain_ms = lookups_ms(lambda team: plain.find_installation(enterprise_id=None, team_id=team), teams)
        secret_ms = lookups_ms(encrypted.find_team_installation, teams)
        box = SecretBox([SecretBox.generate_key(), old_key])
        start = time.perf_counter()
        with secret_db.engine.begin() as connection:
            rewritten = rotate_stored_tokens(connection, box)
        rotate_s = time.perf_counter() - start
        for db in (plain_db, secret_db):
            db.dispose()
    print(f"{workspaces} installed workspaces, SQLite (shared 2-core machine)")
    print(f"token lookup, slack_sdk's plain store:  {plain_ms:.3f} ms")
    print(f"token lookup, encrypted store:          {secret_ms:.3f} ms ({secret_ms / plain_ms:.2f}x)")
    print(f"rotate-secrets: {rewritten} tokens re-encrypted in {rotate_s:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
