"""`app_uninstalled` and `tokens_revoked`: the workspace stops at once; its data is kept for
its retention period (see ritual.lifecycle). Slack's retries are dropped by event id, a
second stop keeps the first time, and a stop that happened (`event_time`) before the newest
installation of the workspace is late and changes nothing."""

from __future__ import annotations

from bot.event_time import event_time
from ritual.deps import Deps
from ritual.lifecycle import uninstalled


def on_app_uninstalled(body: dict, deps: Deps) -> None:
    if body.get("team_id"):
        uninstalled(deps, body["team_id"], "app_uninstalled", event_time(body))


def on_tokens_revoked(event: dict, body: dict, deps: Deps) -> None:
    """Only the bot token matters: revoked user tokens (`tokens.oauth`) change nothing here."""
    if body.get("team_id") and (event.get("tokens") or {}).get("bot"):
        uninstalled(deps, body["team_id"], "tokens_revoked", event_time(body))
