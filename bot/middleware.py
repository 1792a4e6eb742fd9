"""Bolt middleware: drop an event whose id was handled already; take a returning team back."""

from __future__ import annotations

import logging

from slack_bolt import BoltResponse

from ritual.deps import Deps
from ritual.lifecycle import reinstated
from storage.events import first_time_seen

log = logging.getLogger(__name__)


def drop_retried_events(deps: Deps):
    def middleware(body: dict, next) -> BoltResponse | None:  # noqa: A002 - Bolt's argument name
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not first_time_seen(deps.db, event_id, deps.now()):
            log.info("dropping retried event %s", event_id)
            # a middleware that stops the chain must return the answer itself: an ack() here
            # is not sent, and Bolt would answer 404, which Slack counts as a failed delivery
            return BoltResponse(status=200, body="")
        next()
        return None

    return middleware


STOPPING_EVENTS = ("app_uninstalled", "tokens_revoked")


def _returning_team(body: dict, context, request) -> str | None:
    """The team of a fresh request that shows the app is installed there (not a retry, not
    the uninstall itself)."""
    if body.get("type") == "event_callback" and \
            (body.get("event") or {}).get("type") in STOPPING_EVENTS:
        return None
    if request is not None and request.headers.get("x-slack-retry-num"):
        return None
    return context.team_id or body.get("team_id")


def reinstate_returning_teams(deps: Deps):
    """A signed request from a team that uninstalled the app means it is back: clear the mark
    (one read when there is none), so its data, kept for the retention period, is used again."""

    def middleware(body: dict, context, req, next) -> None:  # noqa: A002 - Bolt's argument name
        team_id = _returning_team(body, context, req)
        if team_id:
            try:
                reinstated(deps, team_id)
            except Exception:
                log.exception("could not check whether workspace %s was uninstalled", team_id)
        next()

    return middleware
