"""The message shortcut "Log as note": any message as a note of the day it was written."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from sqlalchemy.exc import DBAPIError

from bot.payload import team_id_of, user_id_of
from bot.surfaces.confirmation import confirmation, db_down_message, plain_message
from ritual.deps import Deps
from ritual.notes import log_message
from ritual.outcomes import Problem
from texts import t

log = logging.getLogger(__name__)
LOG_AS_NOTE = "log_as_note"


def log_as_note(ack, body: dict, respond, client: WebClient, deps: Deps) -> None:
    """The shortcut's message becomes a context note; logging it twice stores it once."""
    ack()
    message, channel = body.get("message") or {}, (body.get("channel") or {}).get("id")
    ts = message.get("ts") or body.get("message_ts")
    try:
        outcome = log_message(deps, team_id_of(body), user_id_of(body), channel, ts,
                              message.get("text") or "")
        if isinstance(outcome, Problem):
            answer = plain_message(t("not_saved", outcome.lang, reason=t(outcome.code, outcome.lang)))
        else:
            answer = confirmation(outcome)
    except DBAPIError:
        log.exception("database unavailable while logging a note")
        answer = db_down_message()
    respond(response_type="ephemeral", **answer)
