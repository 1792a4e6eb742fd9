"""Buttons in the digest: a hypothesis's outcome, and the "Answer" form for the three questions."""

from __future__ import annotations

import json
import logging

from slack_sdk import WebClient
from slack_sdk.models.blocks import InputBlock, PlainTextInputElement
from slack_sdk.models.views import View

from bot.blocks.confirmation import plain_message
from bot.digest.texts import dt
from bot.services import Services, workspace_of
from bot.texts import t
from storage.entries import EntryNotFound, get_entry

log = logging.getLogger(__name__)
ANSWER_CALLBACK = "digest_answers"
QUESTION_KINDS = (("q1", "value"), ("q2", "blocker"), ("q3", "hypothesis"))
OUTCOMES = ("confirmed", "refuted", "running")


def _team(body: dict) -> str:
    return body["team"]["id"] if body.get("team") else body["user"]["team_id"]


def record_outcome(ack, body: dict, respond, services: Services) -> None:
    """Store a hypothesis's outcome (Confirmed / Refuted / Still running)."""
    ack()
    entry_id, outcome = body["actions"][0]["value"].split(":", 1)
    if outcome not in OUTCOMES:
        return
    with services.db.session() as session:
        workspace = workspace_of(session, _team(body), services.now())
        lang = workspace.language
        try:
            row = get_entry(session, workspace.id, int(entry_id))
        except EntryNotFound:
            respond(response_type="ephemeral", replace_original=False,
                    **plain_message(t("not_found", lang)))
            return
        row.outcome = outcome
    text = dt("outcome_set", lang, outcome=dt(outcome, lang), user=body["user"]["id"])
    respond(response_type="ephemeral", replace_original=False, **plain_message(text))


def answer_view(week: str, lang: str, channel: str | None, ts: str | None) -> dict:
    """The modal with the three focus questions."""
    blocks = [
        InputBlock(block_id=kind, label=dt(key, lang), optional=True,
                   element=PlainTextInputElement(action_id="value", multiline=True,
                                                 max_length=3000))
        for key, kind in QUESTION_KINDS
    ]
    return View(type="modal", callback_id=ANSWER_CALLBACK, title=dt("answer_title", lang)[:24],
                submit=t("modal_submit", lang), close=t("modal_cancel", lang),
                private_metadata=json.dumps({"week": week, "channel": channel, "ts": ts}),
                blocks=blocks).to_dict()


def open_answer_form(ack, body: dict, client: WebClient, services: Services) -> None:
    ack()
    with services.db.session() as session:
        lang = workspace_of(session, _team(body), services.now()).language
    message = body.get("message") or {}
    view = answer_view(body["actions"][0]["value"], lang, (body.get("channel") or {}).get("id"),
                       message.get("ts"))
    client.views_open(trigger_id=body["trigger_id"], view=view)
