"""Submitting the edit form: validated like a new entry; errors go back to their field."""

from __future__ import annotations

import json
import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import DBAPIError

from bot.admins import is_admin
from bot.payload import team_id_of, user_id_of
from bot.surfaces.confirmation import confirmation, db_down_message, described, plain_message
from bot.surfaces.modals import submitted_values
from capture.forms import FormError, input_from_form
from ritual.deps import Deps
from ritual.edits import edit_entry
from ritual.outcomes import Problem
from ritual.recording import Refused
from texts import say, t

log = logging.getLogger(__name__)


def _outcome_message(outcome) -> dict:
    if isinstance(outcome, Problem):
        return plain_message(t(outcome.code, outcome.lang))
    if isinstance(outcome, Refused):
        return confirmation(outcome)
    return described("edited" if outcome.changes else "edit_unchanged", outcome.view)


def submit_edit_form(ack, body: dict, view: dict, client: WebClient, deps: Deps) -> None:
    """Change the entry named in the form; confirm (or refuse) ephemerally."""
    meta = json.loads(view.get("private_metadata") or "{}")
    team_id, user_id = team_id_of(body), user_id_of(body)
    values = submitted_values(view)
    try:
        outcome = edit_entry(deps, team_id, user_id, int(meta["entry"]),
                             lambda ctx: input_from_form(meta["kind"], values, ctx),
                             lambda: is_admin(client, deps, team_id, user_id))
    except DBAPIError:
        log.exception("database unavailable while editing an entry")
        outcome = None
    if isinstance(outcome, Refused) and isinstance(outcome.error, FormError):
        ack(response_action="errors",
            errors={outcome.error.block_id: say(outcome.error, outcome.lang)[:150]})
        return
    ack()
    message = db_down_message() if outcome is None else _outcome_message(outcome)
    try:
        if meta.get("channel"):
            client.chat_postEphemeral(channel=meta["channel"], user=user_id, **message)
        else:
            client.chat_postMessage(channel=user_id, **message)
    except SlackApiError as error:
        log.warning("could not confirm an edit: %s", error.response.get("error"))
