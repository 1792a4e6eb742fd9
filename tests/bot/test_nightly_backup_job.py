"""The scheduler runs the nightly backup job when NORTHSTAR_BACKUP_DIR is set, and not otherwise."""

from __future__ import annotations

import time

from bot.app import web_client
from bot.digest.scheduler import DigestScheduler, start_background
from bot.process_config import BotConfig
from ritual.deps import Deps
from storage.db import Database
from storage.nightly_backups import nightly_files
from tests.bot.conftest import BOT_TOKEN


def _start(database_url: str, fake_slack):
    config = BotConfig(bot_token=BOT_TOKEN, signing_secret="s", app_token=None,
                       api_url=fake_slack.api_url, database_url=database_url)
    db = Database(database_url)
    db.upgrade()
    return db, start_background(DigestScheduler(Deps(db=db), web_client(config), name="nightly-test"))


def test_with_a_backup_folder_the_scheduler_writes_the_nightly_copy(sqlite_url, fake_slack, tmp_path,
                                                                    monkeypatch):
    folder = tmp_path / "nightly"
    monkeypatch.setenv("NORTHSTAR_BACKUP_DIR", str(folder))
    monkeypatch.setenv("NORTHSTAR_BACKUP_CHECK_SECONDS", "0.2")
    db, background = _start(sqlite_url, fake_slack)
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not (folder.is_dir() and nightly_files(folder)):
            time.sleep(0.1)
        assert len(nightly_files(folder)) == 1
    finally:
        background.shutdown(wait=True)
        db.dispose()


def test_without_a_backup_folder_there_is_no_backup_job(sqlite_url, fake_slack, monkeypatch):
    monkeypatch.delenv("NORTHSTAR_BACKUP_DIR", raising=False)
    db, background = _start(sqlite_url, fake_slack)
    try:
        assert background.get_job("nightly_backup") is None
        assert background.get_job("purge_expired") is not None
    finally:
        background.shutdown(wait=True)
        db.dispose()
