"""Listeners grouped by kind; each package has a register(app, deps)."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import actions, commands, events, shortcuts, views
from ritual.deps import Deps


def register_listeners(app: App, deps: Deps) -> None:
    for package in (commands, actions, views, events, shortcuts):
        package.register(app, deps)
