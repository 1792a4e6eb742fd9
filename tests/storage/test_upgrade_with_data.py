"""Upgrades keep every row: from every earlier revision, on SQLite and PostgreSQL.

A database is migrated to a revision, filled with rows in every table, then upgraded to head;
each table must keep its row count and the checksum of the columns it had. The revision list is
read from the migrations themselves, so a new migration is covered as soon as it exists.
"""

from __future__ import annotations

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from storage.db import Database
from storage.migrate import MIGRATIONS, UpgradeRefused, alembic_config
from tests.storage import row_filler


def _revisions() -> list[str]:
    config = alembic_config(engine=None)  # type: ignore[arg-type]
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


REVISIONS = _revisions()
EARLIER = REVISIONS[:-1]


def _upgrade_keeps_every_row(url: str, revision: str) -> None:
    database = Database(url)
    try:
        database.upgrade_to(revision)
        with database.engine.begin() as connection:
            counts = row_filler.fill(connection)
        with database.engine.connect() as connection:
            columns = row_filler.column_names(connection)
            before = row_filler.fingerprint(connection, columns)
        assert all(count == row_filler.ROWS_PER_TABLE for count in counts.values())
        database.upgrade()
        with database.engine.connect() as connection:
            after = row_filler.fingerprint(connection, columns)
            head = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        assert head == REVISIONS[-1]
        assert after == before
    finally:
        database.dispose()


def test_the_revision_list_starts_at_the_first_migration():
    assert REVISIONS[0] == "0001" and len(REVISIONS) >= 8


@pytest.mark.parametrize("revision", EARLIER)
def test_sqlite_upgrade_from_every_revision_keeps_every_row(tmp_path, revision):
    _upgrade_keeps_every_row(f"sqlite:///{tmp_path / 'old.db'}", revision)


@pytest.mark.postgres
@pytest.mark.parametrize("revision", EARLIER)
def test_postgres_upgrade_from_every_revision_keeps_every_row(postgres_empty_url, revision):
    _upgrade_keeps_every_row(postgres_empty_url, revision)


def test_a_sqlite_upgrade_that_would_break_references_changes_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'broken.db'}"
    database = Database(url)
    try:
        database.upgrade_to(EARLIER[-1])
        with database.engine.begin() as connection:
            row_filler.fill(connection)
        # An orphan written with foreign keys off, as an old bug or a hand edit could leave it.
        raw = database.engine.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA foreign_keys=OFF")
            raw.driver_connection.execute("UPDATE entries SET workspace_id = 'gone'")
        finally:
            raw.driver_connection.execute("PRAGMA foreign_keys=ON")
            raw.close()
        with database.engine.connect() as connection:
            before = row_filler.fingerprint(connection)
        with pytest.raises(UpgradeRefused, match="entries"):
            database.upgrade()
        with database.engine.connect() as connection:
            assert row_filler.fingerprint(connection) == before
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        assert version == EARLIER[-1]
    finally:
        database.dispose()


def test_foreign_keys_are_on_again_after_an_upgrade(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'fk.db'}")
    try:
        database.upgrade()
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    finally:
        database.dispose()
