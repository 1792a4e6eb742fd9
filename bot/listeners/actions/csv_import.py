"""The Import button under a CSV dry run: download again, then import all or nothing."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.admins import is_admin
from bot.payload import action_value, team_id_of, user_id_of
from bot.slack_files import download, file_url
from bot.surfaces.csv_import import download_failed, imported_message
from ritual.csv_import import import_csv
from ritual.deps import Deps
from ritual.workspaces import language_of


def import_clicked(ack, body: dict, client: WebClient, respond, deps: Deps) -> None:
    ack()
    team_id, user_id = team_id_of(body), user_id_of(body)
    info = client.files_info(file=action_value(body))["file"]
    try:
        text = download(client, file_url(info))
    except (OSError, ValueError) as error:
        respond(replace_original=True, **download_failed(language_of(deps, team_id), error))
        return
    admin = is_admin(client, deps, team_id, user_id)
    outcome = import_csv(deps, team_id, user_id, text, admin)
    respond(replace_original=True, **imported_message(info.get("name", ""), outcome))
