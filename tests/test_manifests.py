"""The two app manifests: Socket Mode for self-hosters, HTTP for distribution; same app."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.oauth import BOT_SCOPES

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
