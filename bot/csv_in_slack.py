"""CSV files sent to the bot in a direct message: a dry run first, then an Import button."""

from __future__ import annotations

import logging
import urllib.request
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.models.blocks import ActionsBlock, ButtonElement, MarkdownTextObject, SectionBlock

from bot.services import Services, workspace_of
from capture.context import ParseContext
from storage.csv_io import CsvImportError, import_rows, parse_csv
from storage.workspaces import category_classes

log = logging.getLogger(__name__)
IMPORT_ACTION = "csv_import_confirm"
MAX_CSV_BYTES = 5 * 1024 * 1024
TEXTS = {
    "preview": {"de": "📄 *{name}*: {n} Zeilen bereit ({kinds}). Importieren?",
                "en": "📄 *{name}*: {n} rows ready ({kinds}). Import them?"},
    "errors": {"de": "📄 *{name}*: nichts importiert, {n} Fehler:\n{lines}",
               "en": "📄 *{name}*: nothing imported, {n} error(s):\n{lines}"},
    "import": {"de": "Importieren", "en": "Import"},
    "done": {"de": "✅ Importiert: {added} neu, {dupes} schon vorhanden.",
             "en": "✅ Imported: {added} new, {dupes} already there."},
    "download": {"de": "Die Datei konnte ich nicht laden ({error}).",
                 "en": "I could not download the file ({error})."},
}


def _t(key: str, lang: str, **params: object) -> str:
    return TEXTS[key].get(lang, TEXTS[key]["en"]).format(**params)


def download(client: WebClient, url: str) -> str:
    """A private Slack file's text, fetched with the bot token."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})
    with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - Slack file URL
        data = response.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        raise ValueError("file over 5 MB")
    return data.decode("utf-8-sig")


def _context(session, workspace, services: Services) -> ParseContext:
    return ParseContext(today=services.now().astimezone(ZoneInfo(workspace.timezone)).date(),
                        lang=workspace.language, currency=workspace.currency,
                        category_classes=category_classes(session, workspace.id))


def _error_text(error: CsvImportError) -> str:
    return "\n".join(f"• line {line}: {message}" for line, message in error.errors[:15])


def preview_csv(client: WebClient, services: Services, team_id: str, file: dict) -> dict:
    """Parse the file without storing; the message to post (summary + Import button)."""
    with services.db.session() as session:
        workspace = workspace_of(session, team_id, services.now())
        lang, name = workspace.language, file.get("name", "file.csv")
        try:
            text = download(client, file["url_private_download"] if "url_private_download" in file
                            else file["url_private"])
            rows = parse_csv(text, _context(session, workspace, services))
        except CsvImportError as error:
            message = _t("errors", lang, name=name, n=len(error.errors), lines=_error_text(error))
            return {"text": message, "blocks": [SectionBlock(text=MarkdownTextObject(
                text=message[:3000])).to_dict()]}
        except (OSError, ValueError) as error:
            message = _t("download", lang, error=error)
            return {"text": message}
    kinds: dict[str, int] = {}
    for row in rows:
        kinds[row.kind] = kinds.get(row.kind, 0) + 1
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    message = _t("preview", lang, name=name, n=len(rows), kinds=summary)
    blocks = [SectionBlock(text=MarkdownTextObject(text=message)),
              ActionsBlock(elements=[ButtonElement(text=_t("import", lang), style="primary",
                                                   action_id=IMPORT_ACTION, value=file["id"])])]
    return {"text": message, "blocks": [b.to_dict() for b in blocks]}


def confirm_import(client: WebClient, services: Services, team_id: str, user_id: str,
                   file_id: str) -> str:
    """Download the file again and import it in one transaction; the answer text."""
    info = client.files_info(file=file_id)["file"]
    now = services.now()
    lang = "en"
    try:
        with services.db.session() as session:
            workspace = workspace_of(session, team_id, now)
            lang = workspace.language
            text = download(client, info.get("url_private_download") or info["url_private"])
            rows = parse_csv(text, _context(session, workspace, services))
            result = import_rows(session, workspace, rows, user_id, now)
    except CsvImportError as error:
        return _t("errors", lang, name=info.get("name", ""), n=len(error.errors),
                  lines=_error_text(error))
    except (OSError, ValueError) as error:
        return _t("download", lang, error=error)
    return _t("done", lang, added=result.added, dupes=result.duplicates)
