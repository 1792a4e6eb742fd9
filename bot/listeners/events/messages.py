"""Messages the bot hears: replies in a digest's thread become notes of that week."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from sqlalchemy import select

from bot.listeners.events.files import on_csv_shared
from bot.replies import classify_reply, week_sunday
from bot.services import Services
from capture.commands import MAX_NOTE
from capture.inputs import NoteInput
from storage.digests import digest_by_message
from storage.entries import Provenance, add_unless_known
from storage.models import Entry

log = logging.getLogger(__name__)


def reply_key(channel: str, ts: str) -> str:
    return f"slack:{channel}:{ts}"


def is_from_bot(message: dict, context: dict) -> bool:
    return bool(
        message.get("bot_id")
        or message.get("subtype") == "bot_message"
        or (context.get("bot_user_id") and message.get("user") == context.get("bot_user_id"))
    )


def on_message(event: dict, context: dict, client: WebClient, services: Services) -> None:
    """Route a message event by subtype: new reply, edit, deletion, or a shared file."""
    subtype = event.get("subtype")
    if subtype in (None, "thread_broadcast"):
        store_reply(event, context, services)
    elif subtype == "message_changed":
        update_reply(event, context, services)
    elif subtype == "message_deleted":
        delete_reply(event, context, services)
    elif subtype == "file_share" and event.get("channel_type") == "im":
        on_csv_shared(event, context, client, services)


def store_reply(message: dict, context: dict, services: Services) -> None:
    """A reply in a digest's thread becomes a note of the digest's week."""
    thread_ts, ts, channel = message.get("thread_ts"), message.get("ts"), message.get("channel")
    text = (message.get("text") or "").strip()
    if not thread_ts or thread_ts == ts or not text or is_from_bot(message, context):
        return
    team_id = context.get("team_id") or message.get("team")
    now = services.now()
    with services.db.session() as session:
        digest = digest_by_message(session, channel, thread_ts)
        if digest is None or digest.workspace_id != team_id:
            return
        kind, body = classify_reply(text)
        note = NoteInput(text=body[:MAX_NOTE], occurred_on=week_sunday(digest.week), kind=kind)
        origin = Provenance(entered_by=message.get("user"), entered_at=now, source="thread",
                            external_id=reply_key(channel, ts), slack_channel=channel,
                            slack_ts=ts)
        if add_unless_known(session, team_id, note, origin) is None:
            log.info("reply %s already stored", ts)


def _reply_note(session, team_id: str, channel: str, ts: str) -> Entry | None:
    return session.scalar(select(Entry).where(
        Entry.workspace_id == team_id, Entry.external_id == reply_key(channel, ts),
        Entry.deleted_at.is_(None)))


def update_reply(event: dict, context: dict, services: Services) -> None:
    """An edited reply updates its note (and its question)."""
    message = event.get("message") or {}
    ts, channel = message.get("ts"), event.get("channel")
    if not ts or is_from_bot(message, context):
        return
    team_id = context.get("team_id")
    with services.db.session() as session:
        row = _reply_note(session, team_id, channel, ts)
        if row is None:
            return
        kind, body = classify_reply(message.get("text") or "")
        row.description, row.note_kind = body[:MAX_NOTE], kind


def delete_reply(event: dict, context: dict, services: Services) -> None:
    """A deleted reply removes its note."""
    ts, channel = event.get("deleted_ts"), event.get("channel")
    if not ts:
        return
    with services.db.session() as session:
        row = _reply_note(session, context.get("team_id"), channel, ts)
        if row is not None:
            row.deleted_at, row.deleted_by = services.now(), "slack:message_deleted"
