"""Events: thread replies to a digest (with edits and deletions), files in a DM or the KPI
channel, App Home, and the app's removal (`app_uninstalled`, `tokens_revoked`)."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.events.files import on_csv_shared
from bot.listeners.events.home import publish_home
from bot.listeners.events.lifecycle import on_app_uninstalled, on_tokens_revoked
from bot.listeners.events.messages import on_delete, on_edit, on_reply
from ritual.deps import Deps


def register(app: App, deps: Deps) -> None:
    @app.event("message")
    def _message(event, context, client):
        subtype = event.get("subtype")
        if subtype in (None, "thread_broadcast"):
            on_reply(event, context, deps)
        elif subtype == "message_changed":
            on_edit(event, context, deps)
        elif subtype == "message_deleted":
            on_delete(event, context, deps)
        elif subtype == "file_share":
            on_csv_shared(event, context, client, deps)

    @app.event("app_home_opened")
    def _home(event, context, client):
        publish_home(event, context, client, deps)

    @app.event("app_uninstalled")
    def _uninstalled(body):
        on_app_uninstalled(body, deps)

    @app.event("tokens_revoked")
    def _revoked(event, body):
        on_tokens_revoked(event, body, deps)
