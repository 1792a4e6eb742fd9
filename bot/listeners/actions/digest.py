"""Buttons in the digest: a hypothesis's outcome, and the "Answer" form for the three questions."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.payload import action_value, team_id_of, user_id_of
from bot.surfaces.answers import answer_view
from bot.surfaces.confirmation import plain_message
from metrics.experiments import VERDICTS
from ritual.deps import Deps
from ritual.notes import set_outcome
from ritual.outcomes import Problem
from ritual.own_metrics import current_questions
from texts import t


def record_outcome(ack, body: dict, respond, deps: Deps) -> None:
    """Store a hypothesis's outcome (Confirmed / Refuted / Still running)."""
    ack()
    entry_id, outcome, bot_verdict = (action_value(body).split(":", 2) + [""])[:3]
    result = set_outcome(deps, team_id_of(body), int(entry_id), outcome)
    if isinstance(result, Problem):
        text = t(result.code, result.lang)
    else:
        text = t("digest.outcome_set", result, outcome=t("digest." + outcome, result),
                 user=user_id_of(body))
        if bot_verdict in VERDICTS:
            text += "\n" + t("experiment.bot_verdict", result,
                              verdict=t("experiment.short." + bot_verdict, result))
    respond(response_type="ephemeral", replace_original=False, **plain_message(text))


def open_answer_form(ack, body: dict, client: WebClient, deps: Deps) -> None:
    ack()
    message = body.get("message") or {}
    shown = current_questions(deps, team_id_of(body))
    view = answer_view(action_value(body), shown.lang, (body.get("channel") or {}).get("id"),
                       message.get("ts"), shown.questions)
    client.views_open(trigger_id=body["trigger_id"], view=view)
