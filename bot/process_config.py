"""Configuration from the environment, read in one place: `BotConfig.from_env()`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from storage.clock import Clock, utc_now

SLACK_DEFAULT_API_URL = "https://slack.com/api/"
OAUTH_VARIABLES = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET")


def _number(text: str | None, default: float) -> float:
    """A positive number of seconds, or the default when unset (`northstar doctor` names a bad one)."""
    return float(text) if text and text.strip() else default


@dataclass(frozen=True)
class ProcessSettings:
    """The NORTHSTAR_* settings of a running process, as given (None: unset). Numbers are
    parsed by the properties, so `northstar doctor` can still name a malformed one."""

    tick_seconds_text: str | None = None  # NORTHSTAR_TICK_SECONDS: the digest tick (default 60)
    purge_seconds_text: str | None = None  # NORTHSTAR_PURGE_SECONDS: the purge job (default 3600)
    backup_check_seconds_text: str | None = None  # NORTHSTAR_BACKUP_CHECK_SECONDS (default 600)
    election_seconds_text: str | None = None  # NORTHSTAR_ELECTION_SECONDS: scheduler lock retries
    ingest_rate_text: str | None = None  # NORTHSTAR_INGEST_RATE: requests a minute per token
    metrics_token: str | None = None  # NORTHSTAR_METRICS_TOKEN
    data_dir: str | None = None  # NORTHSTAR_DATA_DIR: where the scheduler lock lives
    backup_dir: str | None = None  # NORTHSTAR_BACKUP_DIR: nightly and pre-migration copies
    backup_keep_text: str | None = None  # NORTHSTAR_BACKUP_KEEP
    fake_now: str | None = None  # NORTHSTAR_FAKE_NOW (fault tests): the clock starts there
    fake_now_at: str | None = None  # NORTHSTAR_FAKE_NOW_AT: the Unix time it read fake_now
    fake_speed_text: str | None = None  # NORTHSTAR_FAKE_SPEED: how much faster it runs

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> ProcessSettings:
        def get(name: str) -> str | None:
            return environ.get(f"NORTHSTAR_{name}") or None

        return cls(get("TICK_SECONDS"), get("PURGE_SECONDS"), get("BACKUP_CHECK_SECONDS"),
                   get("ELECTION_SECONDS"), get("INGEST_RATE"), get("METRICS_TOKEN"),
                   get("DATA_DIR"), get("BACKUP_DIR"), get("BACKUP_KEEP"), get("FAKE_NOW"),
                   get("FAKE_NOW_AT"), get("FAKE_SPEED"))

    def seconds(self, name: str, default: float) -> float:
        """One of the `*_seconds_text` settings as a number, or `default` when unset."""
        return _number(getattr(self, f"{name}_seconds_text"), default)

    def clock(self) -> Clock:
        """The real clock, or (fake_now, for fault tests) one that read fake_now at the Unix
        time fake_now_at (default: now), so processes started one after another share it,
        running fake_speed times as fast as the real one (a test need not wait out minutes)."""
        if not self.fake_now:
            return utc_now
        real = datetime.fromtimestamp(float(self.fake_now_at), UTC) if self.fake_now_at else utc_now()
        fake = datetime.fromisoformat(self.fake_now).astimezone(UTC)
        speed = _number(self.fake_speed_text, 1.0)
        return lambda: fake + (utc_now() - real) * speed


@dataclass(frozen=True)
class BotConfig:
    """What the bot needs to talk to Slack and the database."""

    bot_token: str | None
    signing_secret: str | None
    app_token: str | None
    api_url: str
    database_url: str | None
    client_id: str | None = None
    client_secret: str | None = None
    state_secret: str | None = None
    secret_key: str | None = None
    process: ProcessSettings = field(default_factory=ProcessSettings)

    @property
    def oauth_settings_given(self) -> dict[str, bool]:
        """Which of the three OAuth variables are set."""
        return {OAUTH_VARIABLES[0]: bool(self.client_id), OAUTH_VARIABLES[1]: bool(self.client_secret),
                OAUTH_VARIABLES[2]: bool(self.state_secret)}

    @property
    def oauth_enabled(self) -> bool:
        """Distribution to many workspaces: all three OAuth variables are set."""
        return all(self.oauth_settings_given.values())

    @classmethod
    def from_env(cls) -> BotConfig:
        api_url = os.environ.get("SLACK_API_URL") or SLACK_DEFAULT_API_URL
        return cls(
            bot_token=os.environ.get("SLACK_BOT_TOKEN"),
            signing_secret=os.environ.get("SLACK_SIGNING_SECRET"),
            app_token=os.environ.get("SLACK_APP_TOKEN"),
            api_url=api_url if api_url.endswith("/") else api_url + "/",
            database_url=os.environ.get("DATABASE_URL"),
            client_id=os.environ.get("SLACK_CLIENT_ID"),
            client_secret=os.environ.get("SLACK_CLIENT_SECRET"),
            state_secret=os.environ.get("SLACK_STATE_SECRET"),
            secret_key=os.environ.get("NORTHSTAR_SECRET_KEY"),
            process=ProcessSettings.from_env(),
        )
