"""Slash commands: /cost, /hours, /note and /kpi."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.commands.entries import entry_command
from bot.listeners.commands.kpi import kpi_command
from bot.prompt_ack import InlineWhen
from bot.telemetry import handle_command
from ritual.deps import Deps


def register(app: App, deps: Deps) -> None:
    for kind in ("cost", "hours", "note"):  # with text: store, then answer; nothing follows
        app.command(f"/{kind}", middleware=[InlineWhen(_has_text)])(_entry_listener(kind, deps))

    @app.command("/kpi")
    def _kpi(ack, command, client, respond):
        handle_command("kpi", lambda: kpi_command(ack, command, client, respond, deps))


def _has_text(body: dict) -> bool:
    return bool((body.get("text") or "").strip())


def _entry_listener(kind: str, deps: Deps):
    def listener(ack, command, client):
        handle_command(kind, lambda: entry_command(ack, command, client, deps, kind))

    return listener
