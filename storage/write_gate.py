"""SQLite's one write lock, shared fairly: a write someone waits for goes before bulk writes.

Every write transaction holds the gate shared (a `flock` on `<database>.writers` beside the
database file, so it works across worker processes and threads). A bulk write (a chunk of an
ingestion batch) first takes the gate exclusively, which it gets only when no other write is
running or waiting, and then holds it shared for its chunk. So a command that arrives while
batches stream in waits for the one chunk in progress (a few milliseconds), never for a queue
of them, and bulk writers wait for each other in the kernel instead of in SQLite's busy-wait.
PostgreSQL locks rows, not the database: it has no gate.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

SUFFIX = ".writers"


class WriteGate:
    """The gate of one SQLite database file (or none: PostgreSQL, in-memory SQLite)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    @classmethod
    def for_url(cls, url: str) -> WriteGate:
        parsed = make_url(url)
        if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
            return cls(None)
        database = Path(parsed.database)
        return cls(database.with_name(database.name + SUFFIX))

    @contextmanager
    def write(self) -> Iterator[None]:
        """Held (shared) around a write transaction."""
        with self._opened() as fd:
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_SH)
            yield

    @contextmanager
    def bulk_write(self) -> Iterator[None]:
        """Held around one chunk of a bulk write: entered once no other write runs or waits."""
        with self._opened() as fd:
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
                fcntl.flock(fd, fcntl.LOCK_SH)  # writes that come now wait only for this chunk
            yield

    @contextmanager
    def _opened(self) -> Iterator[int | None]:
        if self.path is None:
            yield None
            return
        fd = _open(self.path)
        try:
            yield fd
        finally:
            if fd is not None:
                os.close(fd)  # releases the lock


def _open(path: Path) -> int | None:
    """The gate file, created readable for all: `flock` needs no write access, so a process
    of another user (a CLI run as root beside the service) can still open it. None when it
    cannot be opened at all: the write then goes without the gate, as before it existed."""
    try:
        return os.open(path, os.O_RDONLY | os.O_CREAT, 0o644)
    except PermissionError:
        try:
            return os.open(path, os.O_RDONLY)
        except OSError:
            return None
