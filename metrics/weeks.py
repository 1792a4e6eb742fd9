"""ISO weeks (Monday to Sunday) and the windows that end with them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

WEEK = re.compile(r"^(?P<year>\d{4})-W(?P<week>\d{2})$")


@dataclass(frozen=True, order=True)
class IsoWeek:
    year: int
    week: int

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """'2026-W47' → IsoWeek(2026, 47); ValueError for anything else."""
        match = WEEK.match(text.strip())
        if not match:
            raise ValueError(f"not an ISO week: {text!r}")
        week = cls(int(match["year"]), int(match["week"]))
        date.fromisocalendar(week.year, week.week, 1)
        return week

    @classmethod
    def of(cls, day: date) -> IsoWeek:
        year, week, _ = day.isocalendar()
        return cls(year, week)

    @property
    def start(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    def previous(self, weeks: int = 1) -> IsoWeek:
        return IsoWeek.of(self.start - timedelta(weeks=weeks))

    def next(self) -> IsoWeek:
        return IsoWeek.of(self.start + timedelta(weeks=1))

    def window(self, weeks: int) -> list[IsoWeek]:
        """The `weeks` weeks ending with this one, oldest first."""
        return list(_window(self, weeks))

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


@lru_cache(maxsize=4096)
def _window(week: IsoWeek, weeks: int) -> tuple[IsoWeek, ...]:
    start = week.start
    return tuple(IsoWeek.of(start - timedelta(weeks=n)) for n in range(weeks - 1, -1, -1))
