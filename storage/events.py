"""Slack event ids already handled, so that a retried event is acted on once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from storage.db import Database
from storage.models import ProcessedEvent

KEEP_FOR = timedelta(days=2)


def first_time_seen(db: Database, event_id: str, now: datetime) -> bool:
    """Record an event id; False when it was recorded before (a retry)."""
    try:
        with db.session() as session:
            session.add(ProcessedEvent(event_id=event_id, received_at=now))
    except IntegrityError:
        return False
    return True


def forget_old_events(db: Database, now: datetime) -> None:
    with db.session() as session:
        session.execute(delete(ProcessedEvent).where(ProcessedEvent.received_at < now - KEEP_FOR))
