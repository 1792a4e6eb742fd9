"""SQLite's write-ahead log copied into the database file in the background.

By default the commit that fills SQLite's log past 1,000 pages copies it into the database file
(a checkpoint), and the person whose `/cost` made that commit waits for it: about one entry in
150, measured as the slowest percent of acknowledgements. A server runs `WalCheckpointer`
instead: a PASSIVE checkpoint every second on its own connection, which never blocks a reader or
a writer (SQLite releases the interpreter lock meanwhile); commits only checkpoint themselves past
`AUTOCHECKPOINT_PAGES`, should this thread fall behind. On PostgreSQL it does nothing.
"""

from __future__ import annotations

import logging
import threading
from typing import NamedTuple

from storage.db import Database

log = logging.getLogger(__name__)
INTERVAL_S = 1.0


class Checkpoint(NamedTuple):
    """SQLite's answer: busy (1 when it could not finish), pages in the log, pages copied."""

    busy: int
    log_pages: int
    copied_pages: int


class WalCheckpointer:
    """`WalCheckpointer(db).start()` in a server process; `stop()` on shutdown."""

    def __init__(self, db: Database, interval: float = INTERVAL_S) -> None:
        self.db = db
        self.interval = interval
        self.runs = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def checkpoint(self) -> Checkpoint | None:
        """One PASSIVE checkpoint now (None on PostgreSQL)."""
        if self.db.read_engine.dialect.name != "sqlite":
            return None
        connection = self.db.read_engine.raw_connection()
        try:
            cursor = connection.cursor()
            row = cursor.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            cursor.close()
        finally:
            connection.close()
        self.runs += 1
        return Checkpoint(*row)

    def start(self) -> WalCheckpointer:
        if self.db.read_engine.dialect.name == "sqlite" and self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="wal-checkpoint", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.checkpoint()
            except Exception:  # a locked or vanished file: the commits' own checkpoint remains
                log.exception("background checkpoint failed; tried again in %s s", self.interval)
