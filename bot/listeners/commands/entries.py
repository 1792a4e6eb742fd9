"""`/cost`, `/hours`, `/note` (and `/kpi record`): store and confirm, or open the form."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.entry_forms import open_entry_form
from bot.surfaces.confirmation import confirmation, db_down_message
from ritual.deps import Deps
from ritual.outcomes import Unavailable
from ritual.recording import Refused, record_command


def entry_command(ack, command: dict, client: WebClient, deps: Deps, kind: str) -> str:
    """Store the entry and answer ephemerally; without arguments, open the form. Returns what
    happened, for the metrics: stored, refused, unavailable or form."""
    text = (command.get("text") or "").strip()
    if text:
        try:
            view = record_command(deps, kind, command["team_id"], command["user_id"], text,
                                  command.get("channel_id"))
        except Unavailable:
            ack(**db_down_message())
            return "unavailable"
        ack(**confirmation(view))
        return "refused" if isinstance(view, Refused) else "stored"
    ack()
    open_entry_form(client, deps, command["team_id"], command["user_id"], command["trigger_id"],
                    kind, command.get("channel_id"))
    return "form"
