"""A clock that tests set and move; no sleeping."""

from __future__ import annotations

from datetime import datetime, timedelta


class MovableClock:
    """Now, as the test says: `advance(timedelta(hours=2))` or `advance(minutes=5)`."""

    def __init__(self, now: datetime) -> None:
        self.current = now

    def __call__(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta | None = None, **parts: float) -> None:
        self.current += (delta or timedelta()) + timedelta(**parts)
