"""The mapping form submitted: a preview of the file read by that mapping, posted where the
[Zuordnung ändern] button was, whose [Importieren] saves the mapping under its name."""

from __future__ import annotations

import json
import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.payload import team_id_of, user_id_of
from bot.slack_files import fetch_file
from bot.surfaces.csv_import import download_failed
from bot.surfaces.export_import import preview_message, refusal_message
from bot.surfaces.import_mapping import submitted_mapping
from ritual.deps import Deps
from ritual.file_import import (
    ImportRefusal,
    ImportRequest,
    ImportSummary,
    import_file,
    mapping_problem,
)
from ritual.workspaces import language_of
from texts import t

log = logging.getLogger(__name__)
PROBLEM_FIELDS = {"import_map_name_taken": "name"}


def submit_mapping(ack, body: dict, view: dict, client: WebClient, deps: Deps) -> None:
    """Check the form (errors shown at their field), then preview the file by the mapping."""
    team_id, user_id = team_id_of(body), user_id_of(body)
    lang = language_of(deps, team_id)
    chosen = submitted_mapping(view)
    if chosen is None:
        ack(response_action="errors", errors={"amount": t("import.map_amount_missing", lang)})
        return
    spec, save_as = chosen
    problem = mapping_problem(spec, save_as)
    if problem is not None:
        code, params = problem
        ack(response_action="errors",
            errors={PROBLEM_FIELDS.get(code, "date"): t(code, lang, **params)[:150]})
        return
    ack()
    meta = json.loads(view.get("private_metadata") or "{}")
    try:
        name, data = fetch_file(client, meta["file"])
    except (OSError, ValueError) as error:
        _post(client, meta, download_failed(lang, error))
        return
    outcome = import_file(deps, ImportRequest(team_id=team_id, data=data, file_name=name,
                                              dry_run=True, user=user_id, mapping=spec,
                                              save_as=save_as))
    if isinstance(outcome, ImportSummary):
        _post(client, meta, preview_message(name, meta["file"], outcome, spec, save_as))
    elif isinstance(outcome, ImportRefusal):
        _post(client, meta, refusal_message(name, outcome, meta["file"]))


def _post(client: WebClient, meta: dict, message: dict) -> None:
    try:
        client.chat_postMessage(channel=meta["channel"], thread_ts=meta.get("thread"), **message)
    except SlackApiError as error:
        log.error("could not post a mapped preview: %s", error.response.get("error"))
