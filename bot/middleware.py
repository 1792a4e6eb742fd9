"""Bolt middleware (classes: Bolt calls them without building arguments): drop an event whose id
was handled already; take a returning team back."""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

from bot.event_time import event_time
from ritual.deps import Deps
from ritual.lifecycle import reinstated
from storage.events import first_time_seen

log = logging.getLogger(__name__)


class DropRetriedEvents(Middleware):
    """Drop an event whose id was handled already (Slack retries what it thinks was lost)."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    def process(self, *, req: BoltRequest, resp: BoltResponse,
                next: Callable[[], BoltResponse]) -> BoltResponse | None:  # noqa: A002 - Bolt's name
        body = req.body
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not first_time_seen(self.deps.db, event_id, self.deps.now()):
            log.info("dropping retried event %s", event_id)
            # a middleware that stops the chain must return the answer itself: an ack() here
            # is not sent, and Bolt would answer 404, which Slack counts as a failed delivery
            return BoltResponse(status=200, body="")
        return next()


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


class ReinstateReturningTeams(Middleware):
    """A signed request from a team that uninstalled the app means it is back: clear the mark
    (one read when there is none), so its data, kept for the retention period, is used again."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    def process(self, *, req: BoltRequest, resp: BoltResponse,
                next: Callable[[], BoltResponse]) -> BoltResponse | None:  # noqa: A002 - Bolt's name
        team_id = _returning_team(req.body, req.context, req)
        if team_id:
            try:
                reinstated(self.deps, team_id, event_time(req.body))
            except Exception:
                log.exception("could not check whether workspace %s was uninstalled", team_id)
        return next()
