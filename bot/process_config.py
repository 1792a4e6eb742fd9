"""Configuration from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass

SLACK_DEFAULT_API_URL = "https://slack.com/api/"


@dataclass(frozen=True)
class BotConfig:
    """What the bot needs to talk to Slack and the database."""

    bot_token: str | None
    signing_secret: str | None
    app_token: str | None
    api_url: str
    database_url: str | None

    @classmethod
    def from_env(cls) -> BotConfig:
        api_url = os.environ.get("SLACK_API_URL") or SLACK_DEFAULT_API_URL
        return cls(
            bot_token=os.environ.get("SLACK_BOT_TOKEN"),
            signing_secret=os.environ.get("SLACK_SIGNING_SECRET"),
            app_token=os.environ.get("SLACK_APP_TOKEN"),
            api_url=api_url if api_url.endswith("/") else api_url + "/",
            database_url=os.environ.get("DATABASE_URL"),
        )
