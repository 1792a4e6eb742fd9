"""The three focus questions answered in a form become notes of the digest's week."""

from __future__ import annotations

import json

from bot.payload import team_id_of, user_id_of
from bot.surfaces.answers import submitted_answers
from ritual.deps import Deps
from ritual.notes import add_answers


def submit_answers(ack, body: dict, view: dict, deps: Deps) -> None:
    """Store each non-empty answer as a note of its kind."""
    ack()
    meta = json.loads(view.get("private_metadata") or "{}")
    add_answers(deps, team_id_of(body), user_id_of(body), meta.get("week") or "",
                meta.get("channel"), submitted_answers(view))
