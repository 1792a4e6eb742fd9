"""Shortcuts: the message shortcut "Log as note"."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.shortcuts.log_as_note import LOG_AS_NOTE, log_as_note
from ritual.deps import Deps


def register(app: App, deps: Deps) -> None:
    @app.shortcut(LOG_AS_NOTE)
    def _log_as_note(ack, body, respond, client):
        log_as_note(ack, body, respond, client, deps)
