"""The Edit button: open the entry's form prefilled, or refuse ephemerally."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import DBAPIError

from bot.admins import is_admin
from bot.payload import action_value, team_id_of, user_id_of
from bot.surfaces.confirmation import db_down_message, plain_message
from bot.surfaces.edits import edit_modal
from ritual.deps import Deps
from ritual.edits import edit_form
from ritual.outcomes import Problem
from texts import t

log = logging.getLogger(__name__)


def _channel_of(body: dict) -> str | None:
    return (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")


def edit_clicked(ack, body: dict, client: WebClient, respond, deps: Deps) -> None:
    """Open the edit form for the entry's author or an admin; others get a clear refusal."""
    ack()
    team_id, user_id = team_id_of(body), user_id_of(body)
    try:
        form = edit_form(deps, team_id, user_id, int(action_value(body)),
                         lambda: is_admin(client, deps, team_id, user_id))
    except DBAPIError:
        log.exception("database unavailable while opening an edit form")
        respond(replace_original=False, response_type="ephemeral", **db_down_message())
        return
    if isinstance(form, Problem):
        respond(replace_original=False, response_type="ephemeral",
                **plain_message(t(form.code, form.lang)))
        return
    try:
        client.views_open(trigger_id=body["trigger_id"], view=edit_modal(form, _channel_of(body)))
    except SlackApiError as error:
        log.error("views.open failed: %s", error.response.get("error"))
