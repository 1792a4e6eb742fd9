"""A CSV file shared with the bot in a direct message starts an import (dry run first)."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.admins import is_admin
from bot.slack_files import download, file_url
from bot.surfaces.csv_import import download_failed, preview_message
from ritual.csv_import import preview_csv
from ritual.deps import Deps
from ritual.workspaces import language_of

log = logging.getLogger(__name__)


def is_csv(file: dict) -> bool:
    return file.get("filetype") == "csv" or str(file.get("name", "")).lower().endswith(".csv")


def csv_preview(client: WebClient, deps: Deps, team_id: str, user_id: str, file: dict) -> dict:
    """The dry run's message; the download happens before any database transaction."""
    try:
        text = download(client, file_url(file))
    except (OSError, ValueError) as error:
        return download_failed(language_of(deps, team_id), error)
    admin = is_admin(client, deps, team_id, user_id)
    return preview_message(file.get("name", "file.csv"), file["id"],
                           preview_csv(deps, team_id, text, admin))


def on_csv_shared(event: dict, context: dict, client: WebClient, deps: Deps) -> None:
    """Answer each CSV file in the DM with what would be imported."""
    if event.get("bot_id"):
        return
    team_id = context.get("team_id") or event.get("team")
    for file in event.get("files") or []:
        if not is_csv(file):
            continue
        message = csv_preview(client, deps, team_id, event.get("user"), file)
        try:
            client.chat_postMessage(channel=event["channel"], **message)
        except SlackApiError as error:
            log.error("could not answer a CSV upload: %s", error.response.get("error"))
