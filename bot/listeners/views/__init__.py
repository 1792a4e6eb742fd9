"""Modal submissions."""

from __future__ import annotations

import re

from slack_bolt import App

from bot.listeners.views.answers import submit_answers
from bot.listeners.views.edits import submit_edit_form
from bot.listeners.views.entries import submit_entry_form
from bot.listeners.views.import_mapping import submit_mapping
from bot.listeners.views.settings import submit_settings
from bot.surfaces.answers import ANSWER_CALLBACK
from bot.surfaces.edits import EDIT_CALLBACK
from bot.surfaces.import_mapping import MAPPING_CALLBACK
from bot.surfaces.modals import MODAL_CALLBACK
from bot.surfaces.settings_modal import SETTINGS_CALLBACK
from ritual.deps import Deps


def register(app: App, deps: Deps) -> None:
    @app.view(re.compile(f"^{MODAL_CALLBACK}:"))
    def _entry(ack, body, view, client):
        submit_entry_form(ack, body, view, client, deps)

    @app.view(EDIT_CALLBACK)
    def _edit(ack, body, view, client):
        submit_edit_form(ack, body, view, client, deps)

    @app.view(ANSWER_CALLBACK)
    def _answers(ack, body, view):
        submit_answers(ack, body, view, deps)

    @app.view(SETTINGS_CALLBACK)
    def _settings(ack, body, view, client):
        submit_settings(ack, body, view, client, deps)

    @app.view(MAPPING_CALLBACK)
    def _mapping(ack, body, view, client):
        submit_mapping(ack, body, view, client, deps)
