"""When the scheduler's jobs run: on the clock's whole minutes (or whole multiples of the tick
interval), a second after, so a digest due at 09:00 goes out at 09:00:01 and not whenever the
process happened to start."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.triggers.interval import IntervalTrigger

TICK_AFTER_SECONDS = 1.0  # past the whole minute: the due moment has surely come on every clock


def next_tick_at(now: datetime, seconds: float) -> datetime:
    """The first tick moment after `now`: a whole multiple of `seconds` since the Unix epoch
    (a whole minute for 60) plus TICK_AFTER_SECONDS (a tenth of short intervals)."""
    after = min(TICK_AFTER_SECONDS, seconds / 10)
    steps = math.floor((now.timestamp() - after) / seconds) + 1
    return datetime.fromtimestamp(steps * seconds + after, UTC)


class AlignedInterval(IntervalTrigger):
    """An interval trigger that always fires on its grid (start + n intervals), also after a
    run off the grid (the tick at start-up): APScheduler's own counts on from the last run."""

    def get_next_fire_time(self, previous_fire_time, now):
        following = super().get_next_fire_time(None, now)
        if previous_fire_time is not None and following <= previous_fire_time:
            following += self.interval
        return following


def aligned_trigger(seconds: float, clock: Callable[[], datetime],
                    real_now: datetime | None = None) -> AlignedInterval:
    """Every `seconds`, starting at the next tick moment of `clock` (the process's clock, which
    the fault tests set ahead or behind). APScheduler waits in real time, so the start is that
    moment's distance from the clock's now, counted from the real now."""
    real_now = real_now or datetime.now(UTC)
    now = clock()
    return AlignedInterval(seconds=seconds, start_date=real_now + (next_tick_at(now, seconds) - now),
                           timezone=UTC)
