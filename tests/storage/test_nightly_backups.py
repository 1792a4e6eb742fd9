"""The nightly copy: once per UTC day, however many processes run it, the newest KEEP kept."""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage.backups import check_backup_file, head_revision
from storage.nightly_backups import CLAIM_STALE_S, NightlyBackups, keep_from_env, nightly_files
from tests.backup_data import fingerprint, seed_demo

pytestmark = pytest.mark.postgres
NIGHT = datetime(2026, 12, 5, 0, 7, tzinfo=UTC)


def _at(moment: datetime):
    return lambda: moment


def test_the_first_run_of_a_day_writes_a_copy_and_later_runs_do_not(database_url, tmp_path):
    seed_demo(database_url)
    job = NightlyBackups(database_url, tmp_path / "nightly", clock=_at(NIGHT))

    written = job.run()
    again = job.run()

    suffix = "db" if database_url.startswith("sqlite") else "dump"
    assert written == tmp_path / "nightly" / f"northstar-nightly-20261205T0007Z-{head_revision()}.{suffix}"
    assert again is None
    assert nightly_files(tmp_path / "nightly") == [written]
    if suffix == "db":
        assert check_backup_file(written) == head_revision()
        assert fingerprint(f"sqlite:///{written}") == fingerprint(database_url)


def test_only_the_newest_keep_copies_stay_and_other_files_are_left_alone(sqlite_url, tmp_path):
    folder = tmp_path / "nightly"
    folder.mkdir()
    (folder / "northstar-20261101T1200Z-0008.db").write_text("a manual backup")
    (folder / "northstar.db.before-0008-20261101T1200Z.bak").write_text("a safety copy")
    written = [NightlyBackups(sqlite_url, folder, keep=3, clock=_at(NIGHT + timedelta(days=day))).run()
               for day in range(5)]

    assert nightly_files(folder) == written[2:]
    assert sorted(path.name for path in folder.iterdir() if path not in written) == [
        "northstar-20261101T1200Z-0008.db", "northstar.db.before-0008-20261101T1200Z.bak"]


def test_processes_running_at_once_write_one_copy(sqlite_url, tmp_path):
    folder = tmp_path / "nightly"
    # each at another minute, so that without the claim each would write its own file
    jobs = [NightlyBackups(sqlite_url, folder, clock=_at(NIGHT + timedelta(minutes=n))) for n in range(4)]
    results: list[Path | None] = []
    threads = [threading.Thread(target=lambda job=job: results.append(job.run())) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len([result for result in results if result is not None]) == 1
    assert len(nightly_files(folder)) == 1


def test_a_claim_held_by_another_process_is_respected_until_it_is_stale(sqlite_url, tmp_path):
    folder = tmp_path / "nightly"
    folder.mkdir()
    claim = folder / ".northstar-nightly-20261205.claim"
    claim.touch()
    job = NightlyBackups(sqlite_url, folder, clock=_at(NIGHT))
    assert job.run() is None
    long_ago = time.time() - CLAIM_STALE_S - 60
    os.utime(claim, (long_ago, long_ago))
    assert job.run() is not None
    assert not claim.exists()


def test_a_failed_backup_is_logged_and_tried_again(tmp_path, caplog):
    job = NightlyBackups(f"sqlite:///{tmp_path / 'missing.db'}", tmp_path / "nightly", clock=_at(NIGHT))
    assert job.run() is None
    assert "nightly backup" in caplog.text
    assert list((tmp_path / "nightly").iterdir()) == []  # no claim left behind


def test_configuration_from_the_environment(monkeypatch, sqlite_url, tmp_path):
    monkeypatch.delenv("NORTHSTAR_BACKUP_DIR", raising=False)
    assert NightlyBackups.from_env(sqlite_url) is None
    monkeypatch.setenv("NORTHSTAR_BACKUP_DIR", str(tmp_path))
    monkeypatch.delenv("NORTHSTAR_BACKUP_KEEP", raising=False)
    assert NightlyBackups.from_env(sqlite_url).keep == 7
    monkeypatch.setenv("NORTHSTAR_BACKUP_KEEP", "30")
    assert NightlyBackups.from_env(sqlite_url) == NightlyBackups(sqlite_url, tmp_path, 30,
                                                                 NightlyBackups.from_env(sqlite_url).clock)
    monkeypatch.setenv("NORTHSTAR_BACKUP_KEEP", "a week")
    assert keep_from_env() == 7


def test_configuration_as_the_process_settings_give_it(sqlite_url, tmp_path):
    assert NightlyBackups.configured(sqlite_url, None, "30") is None
    assert NightlyBackups.configured(sqlite_url, str(tmp_path), None).keep == 7
    job = NightlyBackups.configured(sqlite_url, str(tmp_path), "30")
    assert (job.folder, job.keep) == (tmp_path, 30)
