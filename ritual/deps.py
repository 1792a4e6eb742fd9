"""The dependency container every entry point builds once: database, clock and the process state."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ritual.process_state import ProcessState
from storage.clock import Clock, utc_now
from storage.db import Database


@dataclass
class Deps:
    """What the use cases are given by the entry points (wired in one place per process)."""

    db: Database
    clock: Clock = utc_now
    state: ProcessState = field(default_factory=ProcessState)

    def now(self) -> datetime:
        return self.clock()
