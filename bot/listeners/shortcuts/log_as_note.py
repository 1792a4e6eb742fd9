"""Store any message as a note of the day it was written."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from sqlalchemy.exc import DBAPIError

from bot.blocks.confirmation import plain_message, saved_message
from bot.listeners.events.messages import reply_key
from bot.recording import db_down_message
from bot.services import Services, workspace_of
from bot.texts import t
from capture.commands import MAX_NOTE
from capture.describe import describe
from capture.inputs import NoteInput
from storage.entries import Provenance, add_unless_known, find_external

log = logging.getLogger(__name__)
LOG_AS_NOTE = "log_as_note"


def log_as_note(ack, body: dict, respond, client: WebClient, services: Services) -> None:
    """The shortcut's message becomes a context note; logging it twice stores it once."""
    ack()
    message, channel = body.get("message") or {}, (body.get("channel") or {}).get("id")
    team_id = (body.get("team") or {}).get("id") or body["user"].get("team_id")
    user_id, ts = body["user"]["id"], message.get("ts") or body.get("message_ts")
    text = (message.get("text") or "").strip()
    now = services.now()
    try:
        with services.db.session() as session:
            workspace = workspace_of(session, team_id, now)
            lang = workspace.language
            if not text:
                respond(**plain_message(t("not_saved", lang, reason=t("empty_message", lang))),
                        response_type="ephemeral")
                return
            written = datetime.fromtimestamp(float(ts), UTC).astimezone(ZoneInfo(workspace.timezone))
            note = NoteInput(text=text[:MAX_NOTE], occurred_on=written.date(), kind="context")
            origin = Provenance(entered_by=user_id, entered_at=now, source="shortcut",
                                external_id=reply_key(channel, ts), slack_channel=channel,
                                slack_ts=ts)
            row = add_unless_known(session, workspace.id, note, origin) or find_external(
                session, workspace.id, reply_key(channel, ts))
            answer = saved_message(describe(note, lang, workspace.currency), row.id, lang)
    except DBAPIError:
        log.exception("database unavailable while logging a note")
        answer = db_down_message()
    respond(response_type="ephemeral", **answer)
