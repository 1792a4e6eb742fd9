"""The installation tables: slack_sdk's own (made by migration 0003), tokens encrypted at rest,
key rotation by `northstar rotate-secrets`, and a signed OAuth state."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from slack_bolt.context import BoltContext
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import MetaData, String, inspect, text

import cli.serve
from bot.installations import TOKEN_COLUMNS, EncryptedInstallationStore, SignedStateStore
from bot.oauth import build_installations
from cli.main import main
from ritual.deps import Deps
from storage.db import Database
from storage.secret_box import InvalidToken, SecretBox
from tests.bot.oauth_helpers import oauth_config
from tests.sqlite_lock import write_lock_held

KEY_A, KEY_B = SecretBox.generate_key(), SecretBox.generate_key()
BOT_TOKEN = "xoxb-T1-0001-secretpart"
REFRESH = "xoxe-1-T1-0001-refresh"


@pytest.fixture
def db(database_url):
    database = Database(database_url)
    yield database
    database.dispose()


def expected_tables() -> dict:
    metadata = MetaData()
    return {
        "slack_installations": SQLAlchemyInstallationStore.build_installations_table(
            metadata, "slack_installations"),
        "slack_bots": SQLAlchemyInstallationStore.build_bots_table(metadata, "slack_bots"),
        "slack_oauth_states": SQLAlchemyOAuthStateStore.build_oauth_states_table(
            metadata, "slack_oauth_states"),
    }


@pytest.mark.postgres  # smoke test on both databases
def test_migration_makes_the_stores_own_tables(db):
    inspector = inspect(db.engine)
    for name, table in expected_tables().items():
        columns = {c["name"]: c for c in inspector.get_columns(name)}
        assert list(columns) == [c.name for c in table.columns], name
        for column in table.columns:
            found = columns[column.name]
            assert found["nullable"] == column.nullable, (name, column.name)
            if column.name in TOKEN_COLUMNS.get(name, ()):
                assert found["type"].python_type is str  # Text: room for the ciphertext
            elif isinstance(column.type, String):
                assert found["type"].length == column.type.length, (name, column.name)
            else:
                assert found["type"].python_type is column.type.python_type, (name, column.name)
        indexes = {i["name"]: i["column_names"] for i in inspector.get_indexes(name)}
        assert indexes == {i.name: [c.name for c in i.columns] for i in table.indexes}


def installation(team_id: str = "T1", token: str = BOT_TOKEN, refresh: str | None = REFRESH,
                 installed_at: float | None = None) -> Installation:
    return Installation(app_id="A0NORTHSTAR", team_id=team_id, team_name=f"Team {team_id}",
                        bot_token=token, bot_id="B0BOT", bot_user_id="U0BOT", bot_scopes="commands",
                        bot_refresh_token=refresh, bot_token_expires_in=43_200 if refresh else None,
                        user_id="U1ALICE", installed_at=installed_at)


def raw_tokens(db, table: str = "slack_installations") -> list[str | None]:
    with db.engine.connect() as connection:
        return list(connection.execute(text(f"SELECT bot_token FROM {table}")).scalars())


@pytest.mark.postgres  # smoke test on both databases
def test_tokens_are_stored_encrypted_and_read_back_plain(db):
    store = EncryptedInstallationStore("1111.2222", db.engine, SecretBox([KEY_A]))
    store.save(installation())
    for table in TOKEN_COLUMNS:
        [stored] = raw_tokens(db, table)
        assert stored != BOT_TOKEN and "secretpart" not in stored
        assert SecretBox([KEY_A]).decrypt(stored) == BOT_TOKEN
    with db.engine.connect() as connection:
        refresh = connection.execute(text("SELECT bot_refresh_token FROM slack_bots")).scalar()
    assert "refresh" not in refresh
    found = store.find_installation(enterprise_id=None, team_id="T1")
    assert (found.bot_token, found.bot_refresh_token) == (BOT_TOKEN, REFRESH)
    assert store.find_bot(enterprise_id=None, team_id="T1").bot_token == BOT_TOKEN
    assert store.find_team_installation("T1").bot_token == BOT_TOKEN
    assert store.find_team_installation("T2") is None


def test_the_latest_installation_of_a_team_wins(db):
    store = EncryptedInstallationStore("1111.2222", db.engine, SecretBox([KEY_A]))
    store.save(installation(token="xoxb-old", installed_at=datetime(2026, 1, 1, tzinfo=UTC).timestamp()))
    store.save(installation(token="xoxb-new", installed_at=datetime(2026, 2, 1, tzinfo=UTC).timestamp()))
    store.save(installation(team_id="T2", token="xoxb-other"))
    assert store.find_team_installation("T1").bot_token == "xoxb-new"
    assert store.find_installation(enterprise_id=None, team_id="T2").bot_token == "xoxb-other"


def test_a_token_cannot_be_read_without_its_key(db):
    EncryptedInstallationStore("1111.2222", db.engine, SecretBox([KEY_A])).save(installation())
    stranger = EncryptedInstallationStore("1111.2222", db.engine, SecretBox([KEY_B]))
    with pytest.raises(InvalidToken):
        stranger.find_team_installation("T1")


def test_rotate_secrets_reencrypts_so_the_old_key_can_go(db, monkeypatch, capsys):
    EncryptedInstallationStore("1111.2222", db.engine, SecretBox([KEY_A])).save(installation())
    before = raw_tokens(db)
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.setenv("NORTHSTAR_SECRET_KEY", f"{KEY_B},{KEY_A}")
    assert main(["rotate-secrets"]) == 0
    # bot and refresh tokens, in the installation and in the bot row
    assert "re-encrypted 4 stored token(s) with the first of 2 key(s)" in capsys.readouterr().out
    assert raw_tokens(db) != before
    only_new = EncryptedInstallationStore("1111.2222", db.engine, SecretBox([KEY_B]))
    found = only_new.find_installation(enterprise_id=None, team_id="T1")
    assert (found.bot_token, found.bot_refresh_token) == (BOT_TOKEN, REFRESH)
    assert only_new.find_bot(enterprise_id=None, team_id="T1").bot_token == BOT_TOKEN
    with pytest.raises(InvalidToken):
        EncryptedInstallationStore("1111.2222", db.engine, SecretBox([KEY_A])).find_team_installation("T1")


def test_rotate_secrets_without_the_old_key_changes_nothing(db, monkeypatch, capsys):
    EncryptedInstallationStore("1111.2222", db.engine, SecretBox([KEY_A])).save(installation())
    before = raw_tokens(db)
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.setenv("NORTHSTAR_SECRET_KEY", KEY_B)
    assert main(["rotate-secrets"]) == 2
    assert "open with none of the keys" in capsys.readouterr().err
    assert raw_tokens(db) == before


@pytest.mark.parametrize("value, message", [
    ("", "set NORTHSTAR_SECRET_KEY to a Fernet key"),
    ("not-a-key", "key 1 is not a Fernet key"),
    (f"{KEY_A},short", "key 2 is not a Fernet key"),
], ids=["empty", "not_a_key", "second_key_bad"])
def test_rotate_secrets_refuses_a_missing_or_bad_key(sqlite_url, monkeypatch, capsys, value, message):
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.setenv("NORTHSTAR_SECRET_KEY", value)
    assert main(["rotate-secrets"]) == 2
    assert message in capsys.readouterr().err


def test_oauth_state_is_signed_and_used_once(sqlite_url):
    db = Database(sqlite_url)
    store = SignedStateStore(db.engine, "state-secret")
    state = store.issue()
    plain, signature = state.rsplit(".", 1)
    forged = f"{plain}.{'0' * len(signature)}"
    assert not store.consume(forged)
    assert not SignedStateStore(db.engine, "another-secret").consume(state)
    assert store.consume(state)
    assert not store.consume(state)
    db.dispose()


def test_a_grid_workspace_is_found_by_its_team_id_alone(db):
    store = EncryptedInstallationStore("1111.2222", db.engine, SecretBox([KEY_A]))
    grid = installation(team_id="T3", token="xoxb-grid")
    grid.enterprise_id = "E1"
    store.save(grid)
    assert store.find_team_installation("T3").bot_token == "xoxb-grid"
    assert store.find_team_installation("T4") is None


def test_lookups_answer_while_another_process_holds_the_sqlite_write_lock(sqlite_url, fake_slack):
    """Authorizing a request and a background job's token are reads: they must not wait for
    the write lock (the writer engine's BEGIN IMMEDIATE would, then fail "database is locked")."""
    db = Database(sqlite_url)
    installations = build_installations(oauth_config(fake_slack, sqlite_url), Deps(db=db))
    installations.store.save(installation(refresh=None))
    fake_slack.workspaces.add_token(BOT_TOKEN, "T1")
    context = BoltContext(client=WebClient(base_url=fake_slack.api_url))
    try:
        with write_lock_held(sqlite_url):
            found = installations.store.find_installation(enterprise_id=None, team_id="T1")
            bot = installations.store.find_bot(enterprise_id=None, team_id="T1")
            team = installations.store.find_team_installation("T1")
            client = installations.clients.for_team("T1")
            authorized = installations.authorize(context=context, enterprise_id=None,
                                                 team_id="T1", user_id="U1ALICE")
    finally:
        db.dispose()
    assert [found.bot_token, bot.bot_token, team.bot_token, client.token] == [BOT_TOKEN] * 4
    assert authorized.bot_token == BOT_TOKEN and authorized.team_id == "T1"


def _oauth_env(monkeypatch, database_url: str, secret_key: str) -> None:
    for name, value in {"SLACK_CLIENT_ID": "1111.2222", "SLACK_CLIENT_SECRET": "2",
                        "SLACK_STATE_SECRET": "3", "SLACK_SIGNING_SECRET": "4",
                        "DATABASE_URL": database_url, "NORTHSTAR_SECRET_KEY": secret_key}.items():
        monkeypatch.setenv(name, value)
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)


def test_run_with_a_wrong_but_well_formed_key_refuses_in_one_line(db, monkeypatch, caplog):
    store = EncryptedInstallationStore("1111.2222", db.engine, SecretBox([KEY_A]))
    store.save(installation())
    store.save(installation(team_id="T2", token="xoxb-other", refresh=None))
    _oauth_env(monkeypatch, db.url, KEY_B)
    monkeypatch.setattr(cli.serve, "_serve_http", lambda *args: 0)  # were it to start: it stops
    with caplog.at_level(logging.ERROR):
        assert main(["run", "--port", "0"]) == 2
    [refusal] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    message = refusal.getMessage()
    assert "6 of 6 stored Slack token(s) open with none of the keys in NORTHSTAR_SECRET_KEY" in message
    assert "rotate-secrets" in message and "\n" not in message and refusal.exc_info is None


def test_rotate_secrets_counts_every_token_no_key_opens(db, monkeypatch, capsys):
    EncryptedInstallationStore("1111.2222", db.engine, SecretBox([KEY_A])).save(installation())
    EncryptedInstallationStore("1111.2222", db.engine, SecretBox([KEY_B])).save(
        installation(team_id="T2", token="xoxb-other"))
    before = raw_tokens(db)
    _oauth_env(monkeypatch, db.url, KEY_B)
    assert main(["rotate-secrets"]) == 2
    error = capsys.readouterr().err
    assert "4 of 8 stored Slack token(s)" in error and error.count("\n") == 1
    assert raw_tokens(db) == before
