"""OAuth states do not pile up: every issue and every use deletes the expired ones."""

from __future__ import annotations

from sqlalchemy import text

from bot.installations import SignedStateStore
from storage.db import Database


def stored_states(db: Database) -> int:
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM slack_oauth_states")).scalar()


def test_issuing_a_state_deletes_the_expired_ones(database_url):
    db = Database(database_url)
    abandoned = SignedStateStore(db.engine, "secret", expiration_seconds=-1)  # expired at once
    for _ in range(3):
        abandoned.issue()
    store = SignedStateStore(db.engine, "secret")
    state = store.issue()
    assert stored_states(db) == 1
    assert store.consume(state) and stored_states(db) == 0
    db.dispose()


def test_using_a_state_deletes_the_expired_ones(database_url):
    db = Database(database_url)
    store = SignedStateStore(db.engine, "secret")
    state = store.issue()
    abandoned = SignedStateStore(db.engine, "secret", expiration_seconds=-1)
    abandoned.issue()
    assert stored_states(db) == 2
    assert store.consume(state) and stored_states(db) == 0
    assert not store.consume(state)
    db.dispose()
