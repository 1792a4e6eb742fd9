"""Submitting the settings form: every field is checked; one bad field saves nothing."""

from __future__ import annotations

from bot.admins import is_admin
from bot.blocks.modals import submitted_values
from bot.services import Services, parse_context, workspace_of
from bot.settings import SettingError, apply_setting


class FormRejected(Exception):
    """Some fields were refused; the transaction is rolled back."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def submit_settings(ack, body: dict, view: dict, client, services: Services) -> None:
    team_id = body["team"]["id"] if body.get("team") else body["user"]["team_id"]
    if not is_admin(client, services, team_id, body["user"]["id"]):
        ack(response_action="errors", errors={"channel": "Admins only / nur Admins"})
        return
    values = submitted_values(view)
    now = services.now()
    try:
        with services.db.session() as session:
            workspace = workspace_of(session, team_id, now)
            lang = workspace.language
            ctx = parse_context(session, workspace, now)
            errors: dict[str, str] = {}
            for field, value in values.items():
                if value in (None, ""):
                    continue
                try:
                    apply_setting(session, workspace, field, [value], ctx)
                except SettingError as error:
                    errors[field] = error.message(lang)[:150]
            if errors:
                raise FormRejected(errors)
    except FormRejected as rejected:
        ack(response_action="errors", errors=rejected.errors)
        return
    ack()
