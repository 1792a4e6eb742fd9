"""The two app manifests: Socket Mode for self-hosters, HTTP for distribution; same app."""

from __future__ import annotations

from pathlib import Path

import yaml
from slack_bolt import App

from bot.listeners import register_listeners
from bot.oauth import BOT_SCOPES
from ritual.deps import Deps

ROOT = Path(__file__).resolve().parents[1]
EVENTS_URL = "https://your-host/slack/events"


def manifest(name: str) -> dict:
    return yaml.safe_load((ROOT / name).read_text())


def test_both_manifests_ask_for_the_scopes_the_oauth_flow_requests():
    for name in ("manifest.yml", "manifest-http.yml"):
        config = manifest(name)["oauth_config"]
        assert config["scopes"]["bot"] == list(BOT_SCOPES), name
        assert config["redirect_urls"] == ["https://your-host/slack/oauth_redirect"], name


def test_the_http_manifest_sends_everything_to_the_events_path():
    socket, http = manifest("manifest.yml"), manifest("manifest-http.yml")
    assert socket["settings"]["socket_mode_enabled"] is True
    assert http["settings"]["socket_mode_enabled"] is False
    assert http["settings"]["event_subscriptions"]["request_url"] == EVENTS_URL
    assert http["settings"]["interactivity"]["request_url"] == EVENTS_URL
    assert {c["command"]: c["url"] for c in http["features"]["slash_commands"]} == {
        c["command"]: EVENTS_URL for c in socket["features"]["slash_commands"]}
    assert http["settings"]["event_subscriptions"]["bot_events"] == socket["settings"][
        "event_subscriptions"]["bot_events"]


class _Registrations(App):
    """A Bolt app that notes which events, commands and shortcuts the listeners register."""

    def __init__(self) -> None:
        super().__init__(signing_secret="unused", token="xoxb-unused",
                         token_verification_enabled=False)
        self.events: set[str] = set()
        self.commands: set[str] = set()
        self.shortcuts: set[str] = set()

    def event(self, event, *args, **kwargs):
        self.events.add(event if isinstance(event, str) else event["type"])
        return super().event(event, *args, **kwargs)

    def command(self, command, *args, **kwargs):
        self.commands.add(command)
        return super().command(command, *args, **kwargs)

    def shortcut(self, constraints, *args, **kwargs):
        self.shortcuts.add(constraints if isinstance(constraints, str)
                           else constraints["callback_id"])
        return super().shortcut(constraints, *args, **kwargs)


def registered() -> _Registrations:
    app = _Registrations()
    register_listeners(app, Deps(db=None))  # registering touches no database
    return app


def subscribed(bot_events: list[str], event: str) -> bool:
    """Slack splits `message` by where it happens (message.channels, message.im, …)."""
    return event in bot_events or any(name.startswith(f"{event}.") for name in bot_events)


def test_both_manifests_subscribe_to_every_event_and_declare_every_command_the_app_handles():
    app = registered()
    assert {"message", "app_home_opened", "app_uninstalled", "tokens_revoked"} <= app.events
    assert {"/kpi", "/cost", "/hours", "/note"} <= app.commands
    for name in ("manifest.yml", "manifest-http.yml"):
        config = manifest(name)
        bot_events = config["settings"]["event_subscriptions"]["bot_events"]
        assert [event for event in sorted(app.events) if not subscribed(bot_events, event)] == [], name
        assert {c["command"] for c in config["features"]["slash_commands"]} == app.commands, name
        assert {s["callback_id"] for s in config["features"]["shortcuts"]} == app.shortcuts, name
