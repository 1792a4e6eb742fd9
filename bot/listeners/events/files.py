"""A file shared with the bot in a direct message starts an import (dry run first): an export
(Stripe, PayPal, Shopify, a bank's CSV, CAMT, MT940) by its profile, else northstar's own CSV."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.admins import is_admin
from bot.slack_files import download, file_url
from bot.surfaces.csv_import import download_failed, preview_message
from bot.surfaces.export_import import preview_message as export_preview
from bot.surfaces.export_import import refusal_message, unknown_layout_message
from ritual.csv_import import preview_csv
from ritual.deps import Deps
from ritual.file_import import ImportRefusal, ImportRequest, ImportSummary, import_file
from ritual.workspaces import language_of

log = logging.getLogger(__name__)


IMPORTABLE_TYPES = ("csv", "xml", "zip", "text")
IMPORTABLE_ENDINGS = (".csv", ".xml", ".zip", ".sta", ".mt940", ".940", ".txt")


def is_csv(file: dict) -> bool:
    return file.get("filetype") == "csv" or str(file.get("name", "")).lower().endswith(".csv")


def is_importable(file: dict) -> bool:
    """Worth a look (the layout itself is told by the content, not by the name)."""
    return (file.get("filetype") in IMPORTABLE_TYPES
            or str(file.get("name", "")).lower().endswith(IMPORTABLE_ENDINGS))


def csv_preview(client: WebClient, deps: Deps, team_id: str, user_id: str, file: dict) -> dict:
    """The dry run's message; the download happens before any database transaction."""
    try:
        data = download(client, file_url(file))
    except (OSError, ValueError) as error:
        return download_failed(language_of(deps, team_id), error)
    name = file.get("name", "file.csv")
    outcome = import_file(deps, ImportRequest(team_id=team_id, data=data, file_name=name,
                                              dry_run=True, user=user_id))
    if isinstance(outcome, ImportSummary):
        return export_preview(name, file["id"], outcome)
    if isinstance(outcome, ImportRefusal):
        return refusal_message(name, outcome)
    if not is_csv(file):
        return unknown_layout_message(name, outcome.lang, outcome.header)
    admin = is_admin(client, deps, team_id, user_id)
    return preview_message(name, file["id"], preview_csv(deps, team_id, data, admin))


def on_csv_shared(event: dict, context: dict, client: WebClient, deps: Deps) -> None:
    """Answer each CSV file in the DM with what would be imported."""
    if event.get("bot_id"):
        return
    team_id = context.get("team_id") or event.get("team")
    for file in event.get("files") or []:
        if not is_importable(file):
            continue
        message = csv_preview(client, deps, team_id, event.get("user"), file)
        try:
            client.chat_postMessage(channel=event["channel"], **message)
        except SlackApiError as error:
            log.error("could not answer a CSV upload: %s", error.response.get("error"))
