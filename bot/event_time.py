"""When Slack says an event happened (`event_time`, Unix seconds), for ordering lifecycle events."""

from __future__ import annotations

from datetime import UTC, datetime


def event_time(body: dict) -> datetime | None:
    """The event's time; None for what is no event (commands, actions: they happen now)."""
    if body.get("type") != "event_callback":
        return None
    seconds = body.get("event_time")
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None
