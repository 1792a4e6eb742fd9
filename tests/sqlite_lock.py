"""SQLite's write lock held by another process (BEGIN IMMEDIATE, nothing written), as a
second northstar process or any other writer would hold it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

LOCKER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
print("released", flush=True)
"""


@contextmanager
def write_lock_held(sqlite_url: str, seconds: float = 60.0) -> Iterator[subprocess.Popen]:
    """Hold the database's write lock from another process until the block ends (at most
    `seconds`)."""
    path = sqlite_url.removeprefix("sqlite:///")
    locker = subprocess.Popen([sys.executable, "-c", LOCKER, path, str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert locker.stdout.readline().strip() == "locked"
        yield locker
    finally:
        locker.kill()
        locker.wait(10)
        locker.stdout.close()
