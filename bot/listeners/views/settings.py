"""Submitting the settings form: every field is checked; one bad field saves nothing."""

from __future__ import annotations

from bot.admins import is_admin
from bot.payload import team_id_of, user_id_of
from bot.surfaces.modals import submitted_values
from bot.surfaces.settings_modal import OWNER_FIELD
from ritual.deps import Deps
from ritual.owners import set_owners
from ritual.workspace_settings import SettingsRejected, change_settings
from texts import say


def submit_settings(ack, body: dict, view: dict, client, deps: Deps) -> None:
    team_id = team_id_of(body)
    if not is_admin(client, deps, team_id, user_id_of(body)):
        ack(response_action="errors", errors={"channel": "Admins only / nur Admins"})
        return
    values = submitted_values(view)
    owners = {field.removeprefix(OWNER_FIELD): values.pop(field)
              for field in list(values) if field.startswith(OWNER_FIELD)}
    changes = {field: [value] for field, value in values.items() if value not in (None, "")}
    try:
        change_settings(deps, team_id, changes)
    except SettingsRejected as rejected:
        ack(response_action="errors", errors={field: say(error, rejected.lang)[:150]
                                              for field, error in rejected.errors.items()})
        return
    set_owners(deps, team_id, owners, user_id_of(body))
    ack()
