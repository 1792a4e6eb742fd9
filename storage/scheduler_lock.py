"""The scheduler lock: of the processes serving one database on one machine, the one holding
it runs the scheduler.

An exclusive `flock` on a file beside the SQLite database (or in NORTHSTAR_DATA_DIR, else the
working directory, for PostgreSQL). The kernel releases it when its holder dies, however it
dies, so a process that tries again every few seconds takes over from a dead or stopped one:
after gunicorn's reload (SIGHUP) one of the new workers holds it once the old ones are gone.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)
LOCK_NAME = "northstar-scheduler.lock"
DATA_DIR_ENV = "NORTHSTAR_DATA_DIR"
ELECTION_SECONDS = 5.0


def lock_path(database_url: str, data_dir: str | None) -> Path:
    """Beside a SQLite file (`<file>.scheduler.lock`); otherwise in the data directory
    (NORTHSTAR_DATA_DIR, read by the process's settings; None: the working directory)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        database = Path(url.database)
        return database.with_name(database.name + ".scheduler.lock")
    return Path(data_dir or Path.cwd()) / LOCK_NAME


class SchedulerLock:
    """`try_take()` is True once this process holds the lock (it keeps it until it exits)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def try_take(self) -> bool:
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the last descriptor releases the flock
            self._fd = None


def run_when_elected(lock: SchedulerLock, start: Callable[[], object],
                     interval: float = ELECTION_SECONDS) -> threading.Thread:
    """Try to take the lock now and then every `interval` seconds; once taken, call `start`
    (in a daemon thread, so a process that never wins serves requests as before)."""
    def elect() -> None:
        failures = 0
        while True:
            try:
                if lock.try_take():
                    log.info("process %s holds the scheduler lock (%s): it runs the scheduler",
                             os.getpid(), lock.path)
                    start()
                    return
            except OSError as error:  # e.g. a directory it may not write: said once, tried on
                failures += 1
                if failures == 1:
                    log.error("cannot take the scheduler lock %s (%s); no digests from this "
                              "process until it can (set NORTHSTAR_DATA_DIR)", lock.path, error)
            time.sleep(interval)

    thread = threading.Thread(target=elect, name="scheduler-election", daemon=True)
    thread.start()
    return thread
