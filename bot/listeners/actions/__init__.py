"""Button clicks: Undo and Delete."""

from __future__ import annotations

import re

from slack_bolt import App

from bot.blocks.confirmation import DELETE_ACTION, UNDO_ACTION, plain_message
from bot.csv_in_slack import IMPORT_ACTION, confirm_import
from bot.digest.blocks import ANSWER_ACTION, HYPOTHESIS_ACTION
from bot.listeners.actions.digest import open_answer_form, record_outcome
from bot.listeners.actions.entries import remove_entry
from bot.listeners.commands.entries import open_entry_form
from bot.listeners.events.home import HOME_LOG_ACTION
from bot.services import Services


def register(app: App, services: Services) -> None:
    @app.action(UNDO_ACTION)
    def _undo(ack, body, client, respond):
        remove_entry(ack, body, client, respond, services, "undone")

    @app.action(DELETE_ACTION)
    def _delete(ack, body, client, respond):
        remove_entry(ack, body, client, respond, services, "deleted")

    @app.action(re.compile(f"^{HYPOTHESIS_ACTION}:"))
    def _outcome(ack, body, respond):
        record_outcome(ack, body, respond, services)

    @app.action(ANSWER_ACTION)
    def _answer(ack, body, client):
        open_answer_form(ack, body, client, services)

    @app.action(re.compile(f"^{HOME_LOG_ACTION}:"))
    def _home_log(ack, body, client):
        ack()
        command = {"team_id": body["user"]["team_id"] if "team_id" in body["user"]
                   else body["team"]["id"], "user_id": body["user"]["id"],
                   "channel_id": None, "trigger_id": body["trigger_id"]}
        open_entry_form(client, services, command, body["actions"][0]["value"])

    @app.action(IMPORT_ACTION)
    def _import(ack, body, client, respond):
        ack()
        team_id = body["team"]["id"] if body.get("team") else body["user"]["team_id"]
        text = confirm_import(client, services, team_id, body["user"]["id"],
                              body["actions"][0]["value"])
        respond(replace_original=True, **plain_message(text))
