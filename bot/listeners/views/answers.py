"""The three focus questions answered in a form become notes of the digest's week."""

from __future__ import annotations

import json

from bot.payload import team_id_of, user_id_of
from bot.surfaces.answers import experiment_without_claim, submitted_answers
from ritual.deps import Deps
from ritual.notes import add_answers
from ritual.outcomes import Problem
from ritual.workspaces import language_of
from texts import say, t


def submit_answers(ack, body: dict, view: dict, deps: Deps) -> None:
    """Store each non-empty answer as a note of its kind; a bad experiment is shown at its field."""
    if experiment_without_claim(view):
        lang = language_of(deps, team_id_of(body))
        ack(response_action="errors", errors={"hypothesis": t("experiment.form_claim_missing", lang)})
        return
    meta = json.loads(view.get("private_metadata") or "{}")
    stored = add_answers(deps, team_id_of(body), user_id_of(body), meta.get("week") or "",
                         meta.get("channel"), submitted_answers(view))
    if isinstance(stored, Problem):
        ack(response_action="errors", errors={"hypothesis": say(stored, stored.lang)[:150]})
        return
    ack()
