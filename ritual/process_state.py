"""The process's caches in one object: built with the dependencies, bounded, reset by tests.

- `admins`: (team, user) → (is admin, when asked), re-asked after a few minutes (bot/admins.py);
- `permalinks`: (channel, ts) → a posted digest's permalink (it never changes; bot/permalinks.py);
- the chart caches (glyph stamps, spare figures, tick texts, label sizes) stay beside the code
  that draws (metrics), bounded there; `reset()` empties them too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from cachetools import LRUCache

MAX_ADMINS = 2048
MAX_PERMALINKS = 4096


@dataclass
class ProcessState:
    """What a process remembers between requests; every cache has a maximum size."""

    admins: LRUCache[tuple[str, str], tuple[bool, datetime]] = field(
        default_factory=lambda: LRUCache(MAX_ADMINS))
    permalinks: LRUCache[tuple[str, str], str] = field(default_factory=lambda: LRUCache(MAX_PERMALINKS))

    def reset(self) -> None:
        """Forget everything remembered (tests start from here)."""
        self.admins.clear()
        self.permalinks.clear()
        from metrics.chart_caches import reset_chart_caches  # loads matplotlib: only when reset

        reset_chart_caches()
