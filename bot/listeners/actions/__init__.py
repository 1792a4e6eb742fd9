"""Button clicks: Undo and Delete."""

from __future__ import annotations

from slack_bolt import App

from bot.blocks.confirmation import DELETE_ACTION, UNDO_ACTION
from bot.listeners.actions.entries import remove_entry
from bot.services import Services


def register(app: App, services: Services) -> None:
    @app.action(UNDO_ACTION)
    def _undo(ack, body, client, respond):
        remove_entry(ack, body, client, respond, services, "undone")

    @app.action(DELETE_ACTION)
    def _delete(ack, body, client, respond):
        remove_entry(ack, body, client, respond, services, "deleted")
