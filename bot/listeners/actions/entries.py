"""Undo and Delete buttons: remove an entry its author (or an admin) asked to remove."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from sqlalchemy.exc import DBAPIError

from bot.admins import is_admin
from bot.payload import action_value, team_id_of, user_id_of
from bot.surfaces.confirmation import db_down_message, described, plain_message
from ritual.deps import Deps
from ritual.entries import remove_entry
from ritual.outcomes import Problem
from texts import t

log = logging.getLogger(__name__)


def remove_clicked(ack, body: dict, client: WebClient, respond, deps: Deps, done_key: str) -> None:
    """Remove the entry named by the button; replace the ephemeral message with the outcome."""
    ack()
    team_id, user_id = team_id_of(body), user_id_of(body)
    try:
        outcome = remove_entry(deps, team_id, user_id, int(action_value(body)),
                               lambda: is_admin(client, deps, team_id, user_id))
        message = (plain_message(t(outcome.code, outcome.lang)) if isinstance(outcome, Problem)
                   else described(done_key, outcome))
    except DBAPIError:
        log.exception("database unavailable while removing an entry")
        message = db_down_message()
    respond(replace_original=done_key == "undone", response_type="ephemeral", **message)
