"""`/kpi forget-me`: ask first (ephemeral, with a button); the button does it."""

from __future__ import annotations

from bot.surfaces.forget_me import forget_question
from ritual.deps import Deps
from ritual.people import forget_me_preview


def forget_me_command(ack, command, args, client, deps: Deps, respond) -> None:
    lang, counts = forget_me_preview(deps, command["team_id"], command["user_id"])
    ack(**forget_question(counts, command["user_id"], lang))
