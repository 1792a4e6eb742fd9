"""Button clicks: Undo, Delete, hypothesis outcomes, answers, App Home logging, CSV import,
export imports (Import, Change mapping, Cancel, Undo), a category for an open imported line,
forget-me."""

from __future__ import annotations

import re

from slack_bolt import App

from bot.digest.blocks import ANSWER_ACTION
from bot.digest.open_lines import OPEN_LINE_ACTION
from bot.digest.thread import HYPOTHESIS_ACTION
from bot.entry_forms import open_entry_form
from bot.listeners.actions.csv_import import import_clicked
from bot.listeners.actions.digest import open_answer_form, record_outcome
from bot.listeners.actions.edits import edit_clicked
from bot.listeners.actions.entries import remove_clicked
from bot.listeners.actions.export_import import cancel_clicked, map_clicked
from bot.listeners.actions.export_import import import_clicked as export_clicked
from bot.listeners.actions.export_import import undo_clicked as export_undo_clicked
from bot.listeners.actions.forget_me import forget_clicked
from bot.listeners.actions.nudges import none_clicked, record_clicked
from bot.listeners.actions.open_lines import category_chosen
from bot.payload import action_value, team_id_of, user_id_of
from bot.surfaces.confirmation import DELETE_ACTION, EDIT_ACTION, UNDO_ACTION
from bot.surfaces.csv_import import IMPORT_ACTION
from bot.surfaces.export_import import (
    EXPORT_CANCEL_ACTION,
    EXPORT_IMPORT_ACTION,
    EXPORT_MAP_ACTION,
    EXPORT_UNDO_ACTION,
)
from bot.surfaces.forget_me import FORGET_CANCEL_ACTION, FORGET_CONFIRM_ACTION
from bot.surfaces.home import HOME_LOG_ACTION
from bot.surfaces.nudge import NUDGE_NONE_ACTION, NUDGE_RECORD_ACTION
from ritual.deps import Deps


def register(app: App, deps: Deps) -> None:
    @app.action(EXPORT_IMPORT_ACTION)
    def _export_import(ack, body, client, respond):
        export_clicked(ack, body, client, respond, deps)

    @app.action(EXPORT_MAP_ACTION)
    def _export_map(ack, body, client, respond):
        map_clicked(ack, body, client, respond, deps)

    @app.action(EXPORT_CANCEL_ACTION)
    def _export_cancel(ack, body, respond):
        cancel_clicked(ack, body, respond, deps)

    @app.action(EXPORT_UNDO_ACTION)
    def _export_undo(ack, body, client, respond):
        export_undo_clicked(ack, body, client, respond, deps)

    @app.action(UNDO_ACTION)
    def _undo(ack, body, client, respond):
        remove_clicked(ack, body, client, respond, deps, "undone")

    @app.action(DELETE_ACTION)
    def _delete(ack, body, client, respond):
        remove_clicked(ack, body, client, respond, deps, "deleted")

    @app.action(EDIT_ACTION)
    def _edit(ack, body, client, respond):
        edit_clicked(ack, body, client, respond, deps)

    @app.action(re.compile(f"^{HYPOTHESIS_ACTION}:"))
    def _outcome(ack, body, respond):
        record_outcome(ack, body, respond, deps)

    @app.action(re.compile(f"^{OPEN_LINE_ACTION}:[0-9]+$"))
    def _open_line(ack, body, client, respond):
        category_chosen(ack, body, client, respond, deps)

    @app.action(ANSWER_ACTION)
    def _answer(ack, body, client):
        open_answer_form(ack, body, client, deps)

    @app.action(re.compile(f"^{HOME_LOG_ACTION}:"))
    def _home_log(ack, body, client):
        ack()
        open_entry_form(client, deps, team_id_of(body), user_id_of(body), body["trigger_id"],
                        action_value(body))

    @app.action(re.compile(f"^{NUDGE_RECORD_ACTION}:"))
    def _nudge_record(ack, body, client):
        record_clicked(ack, body, client, deps)

    @app.action(re.compile(f"^{NUDGE_NONE_ACTION}:"))
    def _nudge_none(ack, body, respond):
        none_clicked(ack, body, respond, deps)

    @app.action(IMPORT_ACTION)
    def _import(ack, body, client, respond):
        import_clicked(ack, body, client, respond, deps)

    @app.action(FORGET_CONFIRM_ACTION)
    def _forget(ack, body, respond):
        forget_clicked(ack, body, respond, deps, confirmed=True)

    @app.action(FORGET_CANCEL_ACTION)
    def _keep(ack, body, respond):
        forget_clicked(ack, body, respond, deps, confirmed=False)
