"""Plain results of use cases: a code for people to read at the edge, and the values it shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from capture.inputs import AnyInput


@dataclass(frozen=True)
class Problem:
    """Something the user can fix: a catalogue code and its parameters."""

    code: str
    lang: str = "en"
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class EntryView:
    """One entry as the edges show it: what it says, in the workspace's money and language."""

    id: int
    input: AnyInput
    lang: str
    currency: str
    entered_by: str | None = None
    source: str | None = None
    entered_at: object = None
    timezone: str = "Europe/Berlin"
    note_number: int | None = None  # a note's number in its workspace (1, 2, 3 …)


class Unavailable(Exception):
    """The database could not be reached; nothing was stored."""
