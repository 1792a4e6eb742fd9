"""The buttons of `/kpi forget-me`: only the person who asked can confirm or cancel."""

from __future__ import annotations

import logging

from sqlalchemy.exc import DBAPIError

from bot.payload import action_value, team_id_of, user_id_of
from bot.surfaces.confirmation import db_down_message, plain_message
from bot.surfaces.forget_me import forget_done
from ritual.deps import Deps
from ritual.people import forget_me
from ritual.workspaces import language_of
from texts import t

log = logging.getLogger(__name__)


def forget_clicked(ack, body: dict, respond, deps: Deps, confirmed: bool) -> None:
    """Forget the clicking person (Confirm) or leave everything as it is (Cancel)."""
    ack()
    team_id, user_id = team_id_of(body), user_id_of(body)
    try:
        if action_value(body) != user_id:
            respond(response_type="ephemeral", replace_original=False,
                    **plain_message(t("forget.not_yours", language_of(deps, team_id))))
            return
        if confirmed:
            lang, counts = forget_me(deps, team_id, user_id)
            message = forget_done(counts, lang)
        else:
            message = plain_message(t("forget.cancelled", language_of(deps, team_id)))
    except DBAPIError:
        log.exception("database unavailable during forget-me")
        message = db_down_message()
    respond(response_type="ephemeral", replace_original=True, **message)
