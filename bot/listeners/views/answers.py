"""The three focus questions answered in a form become notes of the digest's week."""

from __future__ import annotations

import json
from datetime import date

from bot.listeners.actions.digest import QUESTION_KINDS
from bot.replies import week_sunday
from bot.services import Services, workspace_of
from capture.commands import MAX_NOTE
from capture.inputs import NoteInput
from storage.entries import Provenance, add_entry


def submit_answers(ack, body: dict, view: dict, services: Services) -> None:
    """Store each non-empty answer as a note of its kind."""
    meta = json.loads(view.get("private_metadata") or "{}")
    week = meta.get("week") or ""
    values = view.get("state", {}).get("values", {})
    answers = [(kind, ((values.get(kind) or {}).get("value") or {}).get("value") or "")
               for _, kind in QUESTION_KINDS]
    answers = [(kind, text.strip()) for kind, text in answers if text.strip()]
    try:
        occurred_on = week_sunday(week)
    except ValueError:
        occurred_on = None
    ack()
    team_id = body["team"]["id"] if body.get("team") else body["user"]["team_id"]
    now = services.now()
    with services.db.session() as session:
        workspace = workspace_of(session, team_id, now)
        day: date = occurred_on or now.date()
        for kind, text in answers:
            origin = Provenance(entered_by=body["user"]["id"], entered_at=now, source="modal",
                                slack_channel=meta.get("channel"))
            add_entry(session, workspace.id, NoteInput(text=text[:MAX_NOTE], occurred_on=day,
                                                       kind=kind), origin)
