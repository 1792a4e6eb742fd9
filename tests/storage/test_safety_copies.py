"""Before a migration changes an existing SQLite database, a copy of it is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.backups import BackupFailed, check_backup_file, pending_revisions
from storage.db import Database, make_engine
from storage.migrate import upgrade
from storage.safety_copies import copy_before_migration
from tests.backup_data import OLD_REVISION, count, old_database


def _copies(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.bak"))


def _upgrade(url: str) -> None:
    engine = make_engine(url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def test_upgrading_an_old_database_copies_it_first(tmp_path):
    url = f"sqlite:///{tmp_path / 'northstar.db'}"
    old_database(url, entries=4)

    _upgrade(url)

    [copy] = _copies(tmp_path)
    first_migration = pending_revisions(OLD_REVISION)[-1]
    assert copy.name.startswith(f"northstar.db.before-{first_migration}-")
    assert check_backup_file(copy) == OLD_REVISION  # the database as it was, whole
    assert count(f"sqlite:///{copy}", "entries") == 4


def test_the_copy_goes_into_the_backup_folder_when_one_is_set(tmp_path, monkeypatch):
    monkeypatch.setenv("NORTHSTAR_BACKUP_DIR", str(tmp_path / "backups"))
    url = f"sqlite:///{tmp_path / 'northstar.db'}"
    old_database(url)

    _upgrade(url)

    assert _copies(tmp_path) == []
    assert len(_copies(tmp_path / "backups")) == 1


def test_a_new_database_gets_no_copy(tmp_path):
    url = f"sqlite:///{tmp_path / 'northstar.db'}"
    database = Database(url)
    database.upgrade()
    database.upgrade()  # and one already at head neither
    database.dispose()
    assert _copies(tmp_path) == []


def test_an_upgrade_to_an_intermediate_revision_is_copied_too(tmp_path):
    url = f"sqlite:///{tmp_path / 'northstar.db'}"
    engine = make_engine(url)
    try:
        upgrade(engine, "0004")
        assert _copies(tmp_path) == []
        upgrade(engine, "0005")
    finally:
        engine.dispose()
    [copy] = _copies(tmp_path)
    assert ".before-0005-" in copy.name


def _no_copy(url: str) -> bool:
    engine = make_engine(url)
    try:
        return copy_before_migration(engine) is None
    finally:
        engine.dispose()


def test_an_in_memory_database_gets_no_copy():
    assert _no_copy("sqlite://")


@pytest.mark.postgres
def test_postgresql_gets_no_copy(postgres_url):
    assert _no_copy(postgres_url)


def test_when_the_copy_cannot_be_written_the_migration_does_not_run(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backup folder should be")
    monkeypatch.setenv("NORTHSTAR_BACKUP_DIR", str(blocked))
    url = f"sqlite:///{tmp_path / 'northstar.db'}"
    old_database(url)

    with pytest.raises(BackupFailed) as failed:
        _upgrade(url)

    assert failed.value.reason == "copy_failed"
    assert check_backup_file(tmp_path / "northstar.db") == OLD_REVISION
