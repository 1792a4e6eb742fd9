"""Slack's text limits, applied where text is rendered."""

from __future__ import annotations

SECTION_TEXT = 3000
MESSAGE_TEXT = 40000


def cut(text: str, limit: int = SECTION_TEXT) -> str:
    """The text, shortened with an ellipsis to at most `limit` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
