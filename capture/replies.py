"""Thread replies to a digest: which focus question they answer."""

from __future__ import annotations

import re
from datetime import date

MARKERS = re.compile(
    r"^\s*(?:(?P<num>[123])(?:[.):\-]+\s*|\s+)|(?P<word>wert|value|blocker|blocked|hypothese|hypothesis)"
    r"\s*:\s*)",
    re.IGNORECASE,
)
KIND_BY_MARKER = {
    "1": "value", "wert": "value", "value": "value",
    "2": "blocker", "blocker": "blocker", "blocked": "blocker",
    "3": "hypothesis", "hypothese": "hypothesis", "hypothesis": "hypothesis",
}


def classify_reply(text: str) -> tuple[str, str]:
    """The note kind a reply answers and its text without the marker; unmarked is context."""
    match = MARKERS.match(text)
    if not match:
        return "context", text.strip()
    marker = (match.group("num") or match.group("word")).lower()
    rest = text[match.end():].strip()
    return KIND_BY_MARKER[marker], rest or text.strip()


def week_sunday(week: str) -> date:
    """The last day of an ISO week written as '2026-W47'."""
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 7)
