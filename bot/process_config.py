"""Configuration from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass

SLACK_DEFAULT_API_URL = "https://slack.com/api/"
OAUTH_VARIABLES = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET")


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
        )
