"""Submitting an entry form: errors go back to their field; success is confirmed ephemerally."""

from __future__ import annotations

import json
import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.payload import team_id_of, user_id_of
from bot.surfaces.confirmation import confirmation, db_down_message
from bot.surfaces.modals import submitted_values
from capture.forms import FormError, input_from_form
from ritual.deps import Deps
from ritual.outcomes import Unavailable
from ritual.recording import Refused, record
from texts import say

log = logging.getLogger(__name__)


def submit_entry_form(ack, body: dict, view: dict, client: WebClient, deps: Deps) -> None:
    """Store the form's entry; on an error keep the modal open with the message at the field."""
    kind = view["callback_id"].split(":", 1)[1]
    team_id, user_id = team_id_of(body), user_id_of(body)
    values = submitted_values(view)
    try:
        outcome = record(deps, team_id, user_id, lambda ctx: input_from_form(kind, values, ctx),
                         "modal")
    except Unavailable:
        ack()
        message = db_down_message()
    else:
        if isinstance(outcome, Refused) and isinstance(outcome.error, FormError):
            ack(response_action="errors",
                errors={outcome.error.block_id: say(outcome.error, outcome.lang)[:150]})
            return
        ack()
        message = confirmation(outcome)
    channel = json.loads(view.get("private_metadata") or "{}").get("channel")
    try:
        if channel:
            client.chat_postEphemeral(channel=channel, user=user_id, **message)
        else:
            client.chat_postMessage(channel=user_id, **message)
    except SlackApiError as error:
        log.warning("could not confirm a form entry: %s", error.response.get("error"))
