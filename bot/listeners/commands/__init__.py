"""Slash commands: /cost, /hours, /note and /kpi."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.commands.entries import entry_command
from bot.listeners.commands.kpi import kpi_command
from bot.services import Services


def register(app: App, services: Services) -> None:
    for kind in ("cost", "hours", "note"):
        app.command(f"/{kind}")(_entry_listener(kind, services))

    @app.command("/kpi")
    def _kpi(ack, command, client, respond):
        kpi_command(ack, command, client, respond, services)


def _entry_listener(kind: str, services: Services):
    def listener(ack, command, client):
        entry_command(ack, command, client, services, kind)

    return listener
