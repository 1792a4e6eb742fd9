"""Ids from Slack payloads: the one place that knows where Slack puts them."""

from __future__ import annotations


def team_id_of(body: dict) -> str:
    """The workspace of an interaction, event, command or shortcut payload."""
    if body.get("team_id"):
        return body["team_id"]
    team = body.get("team")
    if isinstance(team, dict) and team.get("id"):
        return team["id"]
    user = body.get("user")
    if isinstance(user, dict) and user.get("team_id"):
        return user["team_id"]
    view = body.get("view")
    if isinstance(view, dict) and view.get("team_id"):
        return view["team_id"]
    raise KeyError("no team id in the payload")


def user_id_of(body: dict) -> str:
    user = body.get("user")
    return user["id"] if isinstance(user, dict) else body["user_id"]


def action_value(body: dict) -> str:
    """The value of the (first) button or menu an action payload carries."""
    return body["actions"][0]["value"]
