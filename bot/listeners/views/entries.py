"""Submitting an entry form: errors go back to their field; success is confirmed ephemerally."""

from __future__ import annotations

import json
import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.blocks.modals import submitted_values
from bot.forms import FormError, input_from_form
from bot.recording import store_input
from bot.services import Services, parse_context, workspace_of

log = logging.getLogger(__name__)


def submit_entry_form(ack, body: dict, view: dict, client: WebClient, services: Services) -> None:
    """Validate the form; on an error keep the modal open with the message at the field."""
    kind = view["callback_id"].split(":", 1)[1]
    team_id = body["team"]["id"] if body.get("team") else body["user"]["team_id"]
    user_id = body["user"]["id"]
    values = submitted_values(view)
    with services.db.session() as session:
        workspace = workspace_of(session, team_id, services.now())
        lang = workspace.language
        try:
            input_from_form(kind, values, parse_context(session, workspace, services.now()))
        except FormError as error:
            ack(response_action="errors", errors={error.block_id: error.error.message(lang)[:150]})
            return
    ack()
    message = store_input(services, team_id, user_id,
                          lambda ctx: input_from_form(kind, values, ctx), "modal")
    channel = json.loads(view.get("private_metadata") or "{}").get("channel")
    try:
        if channel:
            client.chat_postEphemeral(channel=channel, user=user_id, **message)
        else:
            client.chat_postMessage(channel=user_id, **message)
    except SlackApiError as error:
        log.warning("could not confirm a form entry: %s", error.response.get("error"))
