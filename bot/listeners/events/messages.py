"""Messages the bot hears: replies in a digest's thread become notes of that week."""

from __future__ import annotations

import logging

from ritual.deps import Deps
from ritual.notes import delete_reply, store_reply, update_reply

log = logging.getLogger(__name__)


def is_from_bot(message: dict, context: dict) -> bool:
    return bool(
        message.get("bot_id")
        or message.get("subtype") == "bot_message"
        or (context.get("bot_user_id") and message.get("user") == context.get("bot_user_id"))
    )


def on_reply(message: dict, context: dict, deps: Deps) -> None:
    """A reply in a digest's thread becomes a note of the digest's week."""
    thread_ts, ts, channel = message.get("thread_ts"), message.get("ts"), message.get("channel")
    text = (message.get("text") or "").strip()
    if not thread_ts or thread_ts == ts or not text or is_from_bot(message, context):
        return
    team_id = context.get("team_id") or message.get("team")
    if not store_reply(deps, team_id, channel, ts, thread_ts, message.get("user"), text):
        log.debug("message %s is no new reply to a digest", ts)


def on_edit(event: dict, context: dict, deps: Deps) -> None:
    """An edited reply updates its note (and its question)."""
    message = event.get("message") or {}
    if message.get("ts") and not is_from_bot(message, context):
        update_reply(deps, context.get("team_id"), event.get("channel"), message["ts"],
                     message.get("text") or "")


def on_delete(event: dict, context: dict, deps: Deps) -> None:
    """A deleted reply removes its note."""
    if event.get("deleted_ts"):
        delete_reply(deps, context.get("team_id"), event.get("channel"), event["deleted_ts"])
