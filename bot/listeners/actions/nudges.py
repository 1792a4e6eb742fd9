"""A nudge's buttons: open the entry form for the missing input, or record "nothing this week"."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from sqlalchemy.exc import DBAPIError

from bot.entry_forms import open_entry_form
from bot.payload import action_value, team_id_of, user_id_of
from bot.surfaces.confirmation import db_down_message, plain_message
from bot.surfaces.nudge import parse_button_value
from ritual.deps import Deps
from ritual.nudges import nothing_this_week
from texts import t
from texts.format import input_label

log = logging.getLogger(__name__)
FORM_OF_INPUT = {"costs": "cost", "hours": "hours"}


def record_clicked(ack, body: dict, client: WebClient, deps: Deps) -> None:
    """Open the form of the input, prefilled with its metric and a day of the nudge's week."""
    ack()
    _, name, day = parse_button_value(action_value(body))
    kind = FORM_OF_INPUT.get(name, "record")
    open_entry_form(client, deps, team_id_of(body), user_id_of(body), body["trigger_id"], kind,
                    metric=name if kind == "record" else None, day=day)


def none_clicked(ack, body: dict, respond, deps: Deps) -> None:
    """Record the input as known-none for the week and say so (ephemerally)."""
    ack()
    week, name, _ = parse_button_value(action_value(body))
    try:
        added, lang = nothing_this_week(deps, team_id_of(body), user_id_of(body), week, name)
        key = "nudge.none_done" if added else "nudge.none_again"
        message = plain_message(t(key, lang, input=input_label(name, lang),
                                  week=week.split("-W")[1]))
    except DBAPIError:
        log.exception("database unavailable while recording nothing this week")
        message = db_down_message()
    respond(replace_original=False, response_type="ephemeral", **message)
