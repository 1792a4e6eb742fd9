"""A file shared with the bot in a direct message, or in the workspace's KPI channel, starts an
import (dry run first): an export (Stripe, PayPal, Shopify, a bank's CSV, CAMT, MT940) by its
profile, else northstar's own CSV. In the channel the preview goes into the file's thread, and
a file that is neither an export nor a CSV is left alone (people share other files there)."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.admins import is_admin
from bot.slack_files import download, file_url
from bot.surfaces.csv_import import download_failed, preview_message
from bot.surfaces.export_import import preview_message as export_preview
from bot.surfaces.export_import import refusal_message, unknown_layout_message
from ritual.csv_import import CsvPreview, CsvRejected, preview_csv
from ritual.deps import Deps
from ritual.file_import import ImportRefusal, ImportRequest, ImportSummary, import_file
from ritual.workspace_settings import settings_of
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


def csv_preview(client: WebClient, deps: Deps, team_id: str, user_id: str, file: dict,
                in_channel: bool = False) -> dict | None:
    """The dry run's message (None: nothing to say in the channel); the download happens before
    any database transaction."""
    try:
        data = download(client, file_url(file))
    except (OSError, ValueError) as error:
        return download_failed(language_of(deps, team_id), error)
    name = file.get("name", "file.csv")
    outcome = import_file(deps, ImportRequest(team_id=team_id, data=data, file_name=name,
                                              dry_run=True, user=user_id))
    if isinstance(outcome, ImportSummary):
        return export_preview(name, file["id"], outcome)
    binary_csv = isinstance(outcome, ImportRefusal) and outcome.code == "import_binary" \
        and is_csv(file) and _looks_like_a_header(data)  # a stray NUL byte: named by its line
    if isinstance(outcome, ImportRefusal) and not binary_csv:
        return refusal_message(name, outcome, file["id"])
    if not is_csv(file):
        return None if in_channel else unknown_layout_message(name, outcome.lang, outcome.header,
                                                              file["id"])
    admin = is_admin(client, deps, team_id, user_id)
    preview = preview_csv(deps, team_id, data, admin)
    if _not_northstar_csv(preview):
        return refusal_message(name, outcome, file["id"]) if binary_csv else \
            unknown_layout_message(name, outcome.lang, outcome.header, file["id"])
    return preview_message(name, file["id"], preview)


def _looks_like_a_header(data: bytes) -> bool:
    """The first line is text with a delimiter (a CSV with a stray NUL byte, not an image)."""
    first = data.split(b"\n", 1)[0]
    return b"\x00" not in first and (b";" in first or b"," in first)


def _not_northstar_csv(preview: CsvPreview | CsvRejected) -> bool:
    """Refused for its header: a layout to map, not a northstar CSV with mistakes."""
    return isinstance(preview, CsvRejected) and any(
        getattr(problem, "code", None) == "csv_missing_columns" for _, problem in preview.errors)


def on_csv_shared(event: dict, context: dict, client: WebClient, deps: Deps) -> None:
    """Answer each importable file in the DM, or in the KPI channel's thread, with what would
    be imported; files in other channels are not ours to look at."""
    if event.get("bot_id"):
        return
    team_id = context.get("team_id") or event.get("team")
    in_channel = event.get("channel_type") != "im"
    if in_channel and settings_of(deps, team_id).kpi_channel != event.get("channel"):
        return
    thread = {"thread_ts": event.get("thread_ts") or event.get("ts")} if in_channel else {}
    for file in event.get("files") or []:
        if not is_importable(file):
            continue
        message = csv_preview(client, deps, team_id, event.get("user"), file, in_channel)
        if message is None:
            continue
        try:
            client.chat_postMessage(channel=event["channel"], **thread, **message)
        except SlackApiError as error:
            log.error("could not answer a CSV upload: %s", error.response.get("error"))
