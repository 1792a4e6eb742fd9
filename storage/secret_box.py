"""Secrets at rest: Fernet encryption with rotating keys, and a column type that uses it.

The key setting (NORTHSTAR_SECRET_KEY) holds one or more Fernet keys separated by commas. The
first one encrypts; every one of them decrypts (cryptography's MultiFernet), so a new key is
put in front, the stored values are re-encrypted with it (`reencrypt_columns`), and only then
is the old key dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Connection, Text, column, select, table, update
from sqlalchemy.types import TypeDecorator

__all__ = ["EncryptedText", "InvalidToken", "SecretBox", "SecretKeyError", "UnreadableSecret",
           "count_unreadable", "reencrypt_columns"]


class SecretKeyError(ValueError):
    """The key setting is empty or holds something that is not a Fernet key."""

    def __init__(self, code: str, position: int | None = None) -> None:
        super().__init__(code if position is None else f"{code} (key {position})")
        self.code, self.position = code, position


class SecretBox:
    """Encrypts with the first key, decrypts with any of them."""

    def __init__(self, keys: Iterable[str]) -> None:
        fernets = []
        for position, key in enumerate(keys, start=1):
            try:
                fernets.append(Fernet(key.strip().encode()))
            except (ValueError, TypeError) as error:
                raise SecretKeyError("not_a_fernet_key", position) from error
        if not fernets:
            raise SecretKeyError("no_key")
        self._fernet = MultiFernet(fernets)
        self.key_count = len(fernets)

    @classmethod
    def from_setting(cls, value: str | None) -> SecretBox:
        """The box for a comma-separated list of keys (raises SecretKeyError)."""
        return cls([key for key in (value or "").split(",") if key.strip()])

    @staticmethod
    def generate_key() -> str:
        return Fernet.generate_key().decode()

    def encrypt(self, text: str) -> str:
        return self._fernet.encrypt(text.encode()).decode()

    def decrypt(self, token: str) -> str:
        """The plain text; raises InvalidToken when no key opens it."""
        return self._fernet.decrypt(token.encode()).decode()

    def rotate(self, token: str) -> str:
        """The same secret encrypted with the first key (raises InvalidToken)."""
        return self._fernet.rotate(token.encode()).decode()


class EncryptedText(TypeDecorator):
    """A text column stored encrypted: plain text in Python, Fernet ciphertext in the database."""

    impl = Text
    cache_ok = True

    def __init__(self, box: SecretBox) -> None:
        super().__init__()
        self.box = box

    def process_bind_param(self, value: str | None, dialect) -> str | None:
        return None if value is None else self.box.encrypt(value)

    def process_result_value(self, value: str | None, dialect) -> str | None:
        return None if value is None else self.box.decrypt(value)


SWAP_ATTEMPTS = 10  # a row rewritten by someone else this often in a row is an error


class UnreadableSecret(ValueError):
    """A stored value that opens with none of the keys."""

    def __init__(self, table_name: str, row_key, column_name: str) -> None:
        super().__init__(f"{table_name}.{column_name} of row {row_key}")
        self.table_name, self.row_key, self.column_name = table_name, row_key, column_name


def count_unreadable(connection: Connection, table_name: str, columns: Iterable[str],
                     box: SecretBox) -> tuple[int, int]:
    """(values no key opens, values stored) in the columns: every stored value is decrypted."""
    names = list(columns)
    rows_table = table(table_name, *(column(name) for name in names))
    unreadable = stored = 0
    for row in connection.execute(select(rows_table)):
        for value in row:
            if value is None:
                continue
            stored += 1
            try:
                box.decrypt(value)
            except InvalidToken:
                unreadable += 1
    return unreadable, stored


def reencrypt_columns(connection: Connection, table_name: str, columns: Iterable[str],
                      box: SecretBox, key: str = "id") -> int:
    """Re-encrypt every stored value of the columns with the box's first key; the number of
    values rewritten. Raises UnreadableSecret (and changes nothing, when the caller rolls
    back) if a value opens with none of the keys.

    Row by row, compare-and-swap: a row is rewritten only if it still holds what was read, and
    is read again when it does not (a token refreshed meanwhile is kept, not overwritten)."""
    names = list(columns)
    rows_table = table(table_name, column(key), *(column(name) for name in names))
    ids = connection.scalars(select(rows_table.c[key]).order_by(rows_table.c[key])).all()
    return sum(_reencrypt_row(connection, rows_table, key, row_id, names, box) for row_id in ids)


def _reencrypt_row(connection: Connection, rows_table, key: str, row_id, names: list[str],
                   box: SecretBox) -> int:
    """Re-encrypt one row's values; how many were rewritten (0 when it is gone)."""
    for _ in range(SWAP_ATTEMPTS):
        row = connection.execute(select(rows_table).where(rows_table.c[key] == row_id)).mappings().first()
        if row is None:
            return 0
        values = {}
        for name in names:
            if row[name] is not None:
                try:
                    values[name] = box.rotate(row[name])
                except InvalidToken as error:
                    raise UnreadableSecret(rows_table.name, row_id, name) from error
        if not values:
            return 0
        unchanged = [rows_table.c[name].is_(None) if row[name] is None else rows_table.c[name] == row[name]
                     for name in names]
        swapped = connection.execute(update(rows_table).where(rows_table.c[key] == row_id, *unchanged)
                                     .values(**values)).rowcount
        if swapped == 1:
            return len(values)
    raise RuntimeError(f"{rows_table.name} row {row_id} kept changing while it was re-encrypted")
