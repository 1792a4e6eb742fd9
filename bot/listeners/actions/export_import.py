"""The buttons under an export's dry run and result: Import, Change mapping, Cancel, Undo."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.admins import is_admin
from bot.payload import action_value, team_id_of, user_id_of
from bot.slack_files import fetch_file
from bot.surfaces.csv_import import download_failed
from bot.surfaces.export_import import (
    cancelled_message,
    chosen_file,
    imported_message,
    refusal_message,
    undone_message,
)
from bot.surfaces.import_mapping import mappable, mapping_modal
from ritual.deps import Deps
from ritual.file_import import (
    ImportRefusal,
    ImportRequest,
    ImportSummary,
    columns_of,
    import_file,
    undo,
)
from ritual.workspaces import language_of
from texts import t
from texts.limits import cut

log = logging.getLogger(__name__)


def import_clicked(ack, body: dict, client: WebClient, respond, deps: Deps) -> None:
    """Download the file again and import it in one transaction (again: nothing new), by the
    mapping chosen in the form when there was one (saving it under its name)."""
    ack()
    team_id, user_id = team_id_of(body), user_id_of(body)
    file_id, mapping, save_as = chosen_file(action_value(body))
    try:
        name, data = fetch_file(client, file_id)
    except (OSError, ValueError) as error:
        respond(replace_original=True, **download_failed(language_of(deps, team_id), error))
        return
    outcome = import_file(deps, ImportRequest(team_id=team_id, data=data, file_name=name,
                                              user=user_id, mapping=mapping, save_as=save_as))
    if isinstance(outcome, ImportSummary):
        respond(replace_original=True, **imported_message(name, outcome))
    elif isinstance(outcome, ImportRefusal):
        respond(replace_original=True, **refusal_message(name, outcome, file_id))


def map_clicked(ack, body: dict, client: WebClient, respond, deps: Deps) -> None:
    """Open the mapping form with the file's columns; the preview it gives goes where the
    button was (the DM, or the file's thread in the channel)."""
    ack()
    team_id = team_id_of(body)
    lang = language_of(deps, team_id)
    file_id = chosen_file(action_value(body))[0]
    try:
        name, data = fetch_file(client, file_id)
    except (OSError, ValueError) as error:
        respond(replace_original=False, response_type="ephemeral", **download_failed(lang, error))
        return
    columns = columns_of(data)
    if not mappable(columns):
        respond(replace_original=False, response_type="ephemeral",
                text=t("import.map_no_columns", lang, name=cut(name, 200)))
        return
    message = body.get("message") or {}
    meta = {"file": file_id, "channel": (body.get("channel") or {}).get("id"),
            "thread": message.get("thread_ts")}
    try:
        client.views_open(trigger_id=body["trigger_id"],
                          view=mapping_modal(lang, name, columns, meta))
    except SlackApiError as error:
        log.error("views.open failed: %s", error.response.get("error"))


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
