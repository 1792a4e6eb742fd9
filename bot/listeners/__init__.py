"""Listeners grouped by kind; each package has a register(app, services)."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import actions, commands, events, shortcuts, views
from bot.services import Services


def register_listeners(app: App, services: Services) -> None:
    for package in (commands, actions, views, events, shortcuts):
        package.register(app, services)
