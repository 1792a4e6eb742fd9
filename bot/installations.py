"""Where installations live: slack_sdk's SQLAlchemy stores, with every token encrypted at rest.

The tables are slack_sdk's own (created by migration 0003); the token columns are read and
written through `EncryptedText`, so Bolt, the OAuth flow and the token rotation all see plain
tokens while the database only ever holds Fernet ciphertext. The OAuth state is signed with
SLACK_STATE_SECRET besides being stored: a state that was not issued here is refused before
the database is asked. Issuing and using a state delete the expired ones, so abandoned install
pages leave nothing behind.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import UTC, datetime, timedelta

from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.sqlalchemy_utils import normalize_datetime_for_db
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Connection, Engine, desc
from sqlalchemy.exc import SQLAlchemyError

from storage.secret_box import EncryptedText, SecretBox, count_unreadable, reencrypt_columns

TOKEN_COLUMNS = {
    "slack_installations": ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token"),
    "slack_bots": ("bot_token", "bot_refresh_token"),
}
STATE_EXPIRATION_SECONDS = 600


class EncryptedInstallationStore(SQLAlchemyInstallationStore):
    """slack_sdk's SQLAlchemy installation store whose token columns are encrypted.

    Lookups (authorizing a request, a background job's token) go through `read_engine`: on
    SQLite the writer engine begins every transaction with BEGIN IMMEDIATE, so a lookup there
    would wait for, and fail behind, another process's write lock; a WAL reader does not."""

    def __init__(self, client_id: str, engine: Engine, box: SecretBox,
                 read_engine: Engine | None = None) -> None:
        super().__init__(client_id=client_id, engine=engine)
        self.box = box
        self.read_engine = read_engine or engine
        self._lookups = SQLAlchemyInstallationStore(client_id=client_id, engine=self.read_engine)
        for store in (self, self._lookups):
            _encrypt_token_columns(store, box)

    def find_installation(self, **kwargs) -> Installation | None:
        """slack_sdk's lookup, on the reader."""
        return self._lookups.find_installation(**kwargs)

    def find_bot(self, **kwargs) -> Bot | None:
        """slack_sdk's lookup, on the reader."""
        return self._lookups.find_bot(**kwargs)

    def find_team_installation(self, team_id: str) -> Installation | None:
        """The latest installation of a workspace: outside Enterprise Grid by slack_sdk's own
        (indexed) lookup, else whatever its org (background jobs know only the team id)."""
        found = self.find_installation(enterprise_id=None, team_id=team_id)
        if found is not None:
            return found
        c = self.installations.c
        query = (self.installations.select()
                 .where(c.client_id == self.client_id, c.team_id == team_id)
                 .order_by(desc(c.installed_at)).limit(1))
        with self.read_engine.connect() as connection:
            row = connection.execute(query).mappings().first()
        if row is None:
            return None
        return self.find_installation(enterprise_id=row["enterprise_id"], team_id=team_id)


def _encrypt_token_columns(store: SQLAlchemyInstallationStore, box: SecretBox) -> None:
    for table in (store.installations, store.bots):
        for name in TOKEN_COLUMNS[table.name]:
            table.c[name].type = EncryptedText(box)


def rotate_stored_tokens(connection: Connection, box: SecretBox) -> int:
    """Re-encrypt every stored token with the first key; how many were rewritten."""
    return sum(reencrypt_columns(connection, table_name, columns, box)
               for table_name, columns in TOKEN_COLUMNS.items())


def unreadable_tokens(connection: Connection, box: SecretBox) -> tuple[int, int]:
    """(stored tokens none of the keys opens, stored tokens), every token decrypted once."""
    counts = [count_unreadable(connection, table_name, columns, box)
              for table_name, columns in TOKEN_COLUMNS.items()]
    return sum(failed for failed, _ in counts), sum(stored for _, stored in counts)


def unreadable_tokens_problem(connection: Connection, box: SecretBox) -> str | None:
    """One line for the operator when a stored token opens with none of the keys, or None."""
    failed, stored = unreadable_tokens(connection, box)
    if not failed:
        return None
    return (f"{failed} of {stored} stored Slack token(s) open with none of the keys in "
            "NORTHSTAR_SECRET_KEY: set it to the key they were encrypted with (to change keys, "
            "put the new key first and the old one after it, then run `northstar rotate-secrets`), "
            "or reinstall the app in those workspaces; nothing was changed")


class SignedStateStore(SQLAlchemyOAuthStateStore):
    """slack_sdk's SQLAlchemy OAuth state store; each state carries an HMAC of the state secret."""

    def __init__(self, engine: Engine, state_secret: str,
                 expiration_seconds: int = STATE_EXPIRATION_SECONDS) -> None:
        super().__init__(expiration_seconds=expiration_seconds, engine=engine)
        self._secret = state_secret.encode()

    def _signature(self, state: str) -> str:
        return hmac.new(self._secret, state.encode(), hashlib.sha256).hexdigest()[:32]

    def _delete_expired(self, connection: Connection, now: datetime) -> None:
        expired = self.oauth_states.c.expire_at <= normalize_datetime_for_db(now)
        connection.execute(self.oauth_states.delete().where(expired))

    def issue(self, *args, **kwargs) -> str:
        """A new signed state, stored in the transaction that deletes the expired ones."""
        state, now = str(uuid.uuid4()), datetime.now(tz=UTC)
        expire_at = now + timedelta(seconds=self.expiration_seconds)
        with self.engine.begin() as connection:
            self._delete_expired(connection, now)
            connection.execute(self.oauth_states.insert(),
                               {"state": state, "expire_at": normalize_datetime_for_db(expire_at)})
        return f"{state}.{self._signature(state)}"

    def consume(self, state: str) -> bool:
        """Whether the state was issued here and is still valid; it and every expired state
        are deleted in one transaction (of two concurrent uses, one wins)."""
        plain, _, signature = (state or "").rpartition(".")
        if not plain or not hmac.compare_digest(signature, self._signature(plain)):
            self.logger.warning("OAuth state with a wrong signature refused")
            return False
        now, c = datetime.now(tz=UTC), self.oauth_states.c
        try:
            with self.engine.begin() as connection:
                used = connection.execute(self.oauth_states.delete().where(
                    c.state == plain, c.expire_at > normalize_datetime_for_db(now))).rowcount
                self._delete_expired(connection, now)
        except SQLAlchemyError:
            self.logger.warning("OAuth state not checked: database unavailable", exc_info=True)
            return False
        return used > 0
