"""The NORTHSTAR_* settings of a process are read once, into BotConfig.process."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.process_config import BotConfig, ProcessSettings
from storage.clock import utc_now


def test_every_setting_is_read_from_the_environment(monkeypatch):
    values = {"TICK_SECONDS": "5", "PURGE_SECONDS": "7200", "BACKUP_CHECK_SECONDS": "60",
              "ELECTION_SECONDS": "1", "INGEST_RATE": "30", "METRICS_TOKEN": "t" * 20,
              "DATA_DIR": "/var/lib/northstar", "BACKUP_DIR": "/backups", "BACKUP_KEEP": "3",
              "FAKE_NOW": "2026-11-23T08:00:00+00:00", "FAKE_NOW_AT": "1700000000",
              "FAKE_SPEED": "6"}
    for name, value in values.items():
        monkeypatch.setenv(f"NORTHSTAR_{name}", value)
    settings = BotConfig.from_env().process
    assert (settings.seconds("tick", 60), settings.seconds("purge", 3600),
            settings.seconds("backup_check", 600), settings.seconds("election", 5)) == (5, 7200, 60, 1)
    assert (settings.ingest_rate_text, settings.metrics_token, settings.data_dir, settings.backup_dir,
            settings.backup_keep_text) == ("30", "t" * 20, "/var/lib/northstar", "/backups", "3")


def test_unset_numbers_take_their_defaults_and_the_clock_is_the_real_one():
    settings = ProcessSettings.from_env({})
    assert settings.seconds("tick", 60) == 60 and settings.seconds("purge", 3600) == 3600
    assert settings.clock() is utc_now


def test_a_fake_clock_reads_its_moment_at_the_given_time_and_runs_at_its_speed():
    at = utc_now().timestamp() - 10  # it read 08:00 ten real seconds ago
    clock = ProcessSettings.from_env({"NORTHSTAR_FAKE_NOW": "2026-11-23T09:00:00+01:00",
                                      "NORTHSTAR_FAKE_NOW_AT": str(at),
                                      "NORTHSTAR_FAKE_SPEED": "6"}).clock()
    elapsed = (clock() - datetime(2026, 11, 23, 8, 0, tzinfo=UTC)).total_seconds()
    assert 60 <= elapsed < 66
