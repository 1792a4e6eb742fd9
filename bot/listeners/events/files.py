"""A CSV file shared with the bot in a direct message starts an import (dry run first)."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.csv_in_slack import preview_csv
from bot.services import Services

log = logging.getLogger(__name__)


def is_csv(file: dict) -> bool:
    return file.get("filetype") == "csv" or str(file.get("name", "")).lower().endswith(".csv")


def on_csv_shared(event: dict, context: dict, client: WebClient, services: Services) -> None:
    """Answer each CSV file in the DM with what would be imported."""
    if event.get("bot_id"):
        return
    team_id = context.get("team_id") or event.get("team")
    for file in event.get("files") or []:
        if not is_csv(file):
            continue
        message = preview_csv(client, services, team_id, file)
        try:
            client.chat_postMessage(channel=event["channel"], **message)
        except SlackApiError as error:
            log.error("could not answer a CSV upload: %s", error.response.get("error"))
