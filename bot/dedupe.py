"""Slack retries events it thinks were missed; each event id is acted on once."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from bot.services import Services
from storage.models import ProcessedEvent

log = logging.getLogger(__name__)
KEEP_FOR = timedelta(days=2)


def first_time_seen(services: Services, event_id: str) -> bool:
    """Record an event id; False when it was recorded before (a retry)."""
    now = services.now()
    try:
        with services.db.session() as session:
            session.add(ProcessedEvent(event_id=event_id, received_at=now))
    except IntegrityError:
        return False
    return True


def forget_old_events(services: Services) -> None:
    with services.db.session() as session:
        session.execute(
            delete(ProcessedEvent).where(ProcessedEvent.received_at < services.now() - KEEP_FOR)
        )


def drop_retried_events(services: Services):
    """Bolt middleware: acknowledge and drop an event whose id was handled already."""

    def middleware(body: dict, ack, next) -> None:  # noqa: A002 - Bolt's argument name
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not first_time_seen(services, event_id):
            log.info("dropping retried event %s", event_id)
            ack()
            return
        next()

    return middleware
