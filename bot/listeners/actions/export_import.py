"""The buttons under an export's dry run and result: Import, Cancel, Undo."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.admins import is_admin
from bot.payload import action_value, team_id_of, user_id_of
from bot.slack_files import download, file_url
from bot.surfaces.csv_import import download_failed
from bot.surfaces.export_import import (
    cancelled_message,
    imported_message,
    refusal_message,
    undone_message,
)
from ritual.deps import Deps
from ritual.file_import import ImportRefusal, ImportRequest, ImportSummary, import_file, undo
from ritual.workspaces import language_of


def import_clicked(ack, body: dict, client: WebClient, respond, deps: Deps) -> None:
    """Download the file again and import it in one transaction (again: nothing new)."""
    ack()
    team_id, user_id = team_id_of(body), user_id_of(body)
    info = client.files_info(file=action_value(body))["file"]
    name = info.get("name", "")
    try:
        data = download(client, file_url(info))
    except (OSError, ValueError) as error:
        respond(replace_original=True, **download_failed(language_of(deps, team_id), error))
        return
    outcome = import_file(deps, ImportRequest(team_id=team_id, data=data, file_name=name,
                                              user=user_id))
    if isinstance(outcome, ImportSummary):
        respond(replace_original=True, **imported_message(name, outcome))
    elif isinstance(outcome, ImportRefusal):
        respond(replace_original=True, **refusal_message(name, outcome))


def cancel_clicked(ack, body: dict, respond, deps: Deps) -> None:
    ack()
    respond(replace_original=True, **cancelled_message(language_of(deps, team_id_of(body))))


def undo_clicked(ack, body: dict, client: WebClient, respond, deps: Deps) -> None:
    """Remove what the import stored: its author may, and so may an admin."""
    ack()
    team_id, user_id, import_id = team_id_of(body), user_id_of(body), action_value(body)
    admin = is_admin(client, deps, team_id, user_id)
    outcome = undo(deps, team_id, import_id, user_id, admin)
    if isinstance(outcome, ImportRefusal):
        respond(replace_original=False, response_type="ephemeral",
                **refusal_message("", outcome))
        return
    respond(replace_original=True, **undone_message(language_of(deps, team_id), import_id, outcome))
