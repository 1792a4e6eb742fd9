"""Re-encrypting stored tokens loses nothing written meanwhile: a token refreshed while
`rotate-secrets` runs is kept (and re-encrypted), not overwritten with the old one."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text

from storage.secret_box import SecretBox, reencrypt_columns

OLD, NEW = SecretBox.generate_key(), SecretBox.generate_key()


class RefreshedMeanwhile(SecretBox):
    """The new box; while it re-encrypts the first value, another process refreshes the token."""

    def __init__(self, db) -> None:
        super().__init__([NEW, OLD])
        self.db, self.refreshed = db, False

    def rotate(self, token: str) -> str:
        if not self.refreshed:
            self.refreshed = True
            with self.db.engine.begin() as other:  # the bot's token refresh, committed at once
                other.execute(text("UPDATE slack_bots SET bot_token = :token"),
                              {"token": SecretBox([NEW]).encrypt("xoxe-refreshed")})
        return super().rotate(token)


def stored(db) -> list[str]:
    with db.engine.connect() as connection:
        return list(connection.scalars(text("SELECT bot_token FROM slack_bots")))


def test_a_token_refreshed_during_the_rotation_is_kept(db):
    if db.engine.dialect.name == "sqlite":
        pytest.skip("SQLite: the rotation holds the only write lock; no refresh can come between")
    with db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO slack_bots (client_id, app_id, team_id, bot_token, is_enterprise_install, "
            "installed_at) VALUES ('C1', 'A1', 'T1', :token, false, :at)"),
            {"token": SecretBox([OLD]).encrypt("xoxe-before"), "at": datetime(2026, 11, 20)})
    box = RefreshedMeanwhile(db)
    with db.engine.begin() as connection:
        assert reencrypt_columns(connection, "slack_bots", ["bot_token"], box) == 1
    [token] = stored(db)
    assert SecretBox([NEW]).decrypt(token) == "xoxe-refreshed"


def test_every_value_is_rewritten_with_the_first_key(db):
    with db.engine.begin() as connection:
        for number in range(3):
            connection.execute(text(
                "INSERT INTO slack_bots (client_id, app_id, team_id, bot_token, bot_refresh_token, "
                "is_enterprise_install, installed_at) VALUES ('C1', 'A1', 'T1', :token, NULL, false, :at)"),
                {"token": SecretBox([OLD]).encrypt(f"xoxb-{number}"), "at": datetime(2026, 11, 20)})
    with db.engine.begin() as connection:
        assert reencrypt_columns(connection, "slack_bots", ["bot_token", "bot_refresh_token"],
                                 SecretBox([NEW, OLD])) == 3
    assert sorted(SecretBox([NEW]).decrypt(token) for token in stored(db)) == ["xoxb-0", "xoxb-1", "xoxb-2"]
