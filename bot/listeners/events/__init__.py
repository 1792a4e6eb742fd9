"""Events: thread replies to a digest (with edits and deletions) and the App Home."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.events.home import publish_home
from bot.listeners.events.messages import on_message
from bot.services import Services


def register(app: App, services: Services) -> None:
    @app.event("message")
    def _message(event, context, client):
        on_message(event, context, client, services)

    @app.event("app_home_opened")
    def _home(event, context, client):
        publish_home(event, context, client, services)
