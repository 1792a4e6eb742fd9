"""Thread replies to a digest: which focus question they answer."""

from __future__ import annotations

import re
from datetime import date

from capture.dates import EARLIEST

MARKERS = re.compile(
    r"^\s*(?:(?P<num>[123])(?:[.):\-]+\s*|\s+)|(?P<word>wert|value|blocker|blockade|blocked|hypothese|hypothesis)"
    r"\s*:\s*)",
    re.IGNORECASE,
)
KIND_BY_MARKER = {
    "1": "value", "wert": "value", "value": "value",
    "2": "blocker", "blocker": "blocker", "blockade": "blocker", "blocked": "blocker",
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


BEND_MARKER = re.compile(
    r"^\s*(?:KW|CW|W)\s?(?P<week>\d{1,2})(?:\s*/\s*(?P<year>\d{4}))?\s*[:.)\-–]+\s*", re.IGNORECASE)


def bend_reply(text: str, digest_week: str) -> tuple[date, str] | None:
    """A reply starting with 'KW 34:' (or 'W34/2025:') answers the question about that week's
    bend: the Sunday of that week (the latest one up to the digest's week) and the rest."""
    match = BEND_MARKER.match(text)
    if not match:
        return None
    year, number = (int(part) for part in digest_week.split("-W"))
    week = int(match["week"])
    if match["year"]:
        year = int(match["year"])
    elif week > number:
        year -= 1
    try:
        sunday = date.fromisocalendar(year, week, 7)
    except ValueError:
        return None
    if sunday > week_sunday(digest_week) or sunday < EARLIEST:
        return None
    rest = text[match.end():].strip()
    return (sunday, rest) if rest else None
