"""Who may change settings and delete others' entries: Slack's workspace admins and owners."""

from __future__ import annotations

import logging
from datetime import timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from ritual.deps import Deps

log = logging.getLogger(__name__)
CACHE_FOR = timedelta(minutes=5)


def is_admin(client: WebClient, deps: Deps, team_id: str, user_id: str) -> bool:
    """True for workspace admins and owners (users.info), cached for a few minutes."""
    now = deps.now()
    cached = deps.state.admins.get((team_id, user_id))
    if cached and now - cached[1] < CACHE_FOR:
        return cached[0]
    try:
        user = client.users_info(user=user_id)["user"]
    except SlackApiError:
        log.warning("users.info failed for %s; treating as non-admin", user_id)
        return False
    admin = bool(user.get("is_admin") or user.get("is_owner"))
    deps.state.admins[(team_id, user_id)] = (admin, now)
    return admin
