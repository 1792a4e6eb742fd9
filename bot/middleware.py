"""Bolt middleware: acknowledge and drop an event whose id was handled already."""

from __future__ import annotations

import logging

from ritual.deps import Deps
from storage.events import first_time_seen

log = logging.getLogger(__name__)


def drop_retried_events(deps: Deps):
    def middleware(body: dict, ack, next) -> None:  # noqa: A002 - Bolt's argument name
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not first_time_seen(deps.db, event_id, deps.now()):
            log.info("dropping retried event %s", event_id)
            ack()
            return
        next()

    return middleware
