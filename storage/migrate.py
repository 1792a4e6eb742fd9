"""Alembic migrations, run programmatically (`northstar db upgrade`).

The engine's connection goes to Alembic through `config.attributes`, never as a URL string in
the ini options: configparser would read the `%` of a URL-encoded password as interpolation.
On PostgreSQL the upgrade holds a session-level advisory lock on the connection that runs it,
so processes starting at once migrate one after the other; the later ones find the schema at
head and do nothing. SQLite needs no lock: its write lock serialises the migration.

SQLite migrations run with foreign keys off, as SQLite's own procedure for changing a table asks:
a batch `ALTER` copies a table and drops the old one, and with foreign keys on, that drop would
delete every row that refers to it (`ON DELETE CASCADE`). The pragma only takes effect outside a
transaction, so it is set on the driver connection before the upgrade's one transaction begins;
`PRAGMA foreign_key_check` then runs inside it, and any violation rolls the whole upgrade back.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, text

from storage.safety_copies import copy_before_migration
from storage.schema_errors import UpgradeRefused

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# A fixed key for pg_advisory_lock: "northstr" as a 64-bit integer, shared by every process.
MIGRATION_LOCK_KEY = int.from_bytes(b"northstr", "big") - 2**63


def alembic_config(engine: Engine, connection: Connection | None = None) -> Config:
    """An Alembic config pointing at our migrations and the given engine (and connection)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database behind the engine to a revision (default: the newest)."""
    copy_before_migration(engine, revision)
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            _upgrade_sqlite(engine, connection, revision)
            return
        if connection.dialect.name != "postgresql":
            command.upgrade(alembic_config(engine, connection), revision)
            connection.commit()
            return
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        connection.commit()
        try:
            command.upgrade(alembic_config(engine, connection), revision)
            connection.commit()
        except BaseException:
            # Closing the server session is the one sure way to release the lock.
            connection.invalidate()
            raise
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
        connection.commit()


def _upgrade_sqlite(engine: Engine, connection: Connection, revision: str) -> None:
    """All migrations in one transaction with foreign keys off, checked before the commit."""
    driver = connection.connection.driver_connection
    driver.execute("PRAGMA foreign_keys=OFF")
    try:
        with connection.begin():
            command.upgrade(alembic_config(engine, connection), revision)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
            if broken:
                tables = sorted({row[0] for row in broken})
                raise UpgradeRefused(
                    f"the upgrade would leave {len(broken)} row(s) in {', '.join(tables)} pointing "
                    "at rows that do not exist; nothing was changed (restore a backup or report this)")
    finally:
        driver.execute("PRAGMA foreign_keys=ON")
