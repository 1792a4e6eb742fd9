"""A PostgreSQL server of the test's own (scripts/pg_temp.sh), so that it can be restarted under
a running bot without disturbing any other test's databases."""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text

from storage.db import Database

ROOT = Path(__file__).resolve().parents[2]
PG_TEMP = ROOT / "scripts" / "pg_temp.sh"
NO_SERVER = 3  # pg_temp.sh's exit status when no server binaries are installed


@dataclass
class RestartablePostgres:
    """One throwaway server: fresh migrated databases on it, restarts with a pause."""

    folder: str
    url: str  # the server's `postgres` database

    def new_database(self) -> str:
        """The URL of a new, migrated database on this server."""
        name = f"f_{uuid.uuid4().hex[:12]}"
        admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            admin.dispose()
        url = f"{self.url.rsplit('/', 1)[0]}/{name}"
        database = Database(url)
        database.upgrade()
        database.dispose()
        return url

    def restart(self, seconds_down: float = 0.0) -> float:
        """Stop the server (fast: every open connection is cut), keep it down, start it again;
        returns how long it took."""
        started = time.monotonic()
        subprocess.run(["bash", str(PG_TEMP), "restart", self.folder, str(seconds_down)],
                       check=True, timeout=120)
        return time.monotonic() - started

    def restart_in_background(self, seconds_down: float) -> subprocess.Popen:
        """Begin a restart and return once the server has stopped answering."""
        restart = subprocess.Popen(["bash", str(PG_TEMP), "restart", self.folder,
                                    str(seconds_down)])
        deadline = time.monotonic() + 30
        while self.answers() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not self.answers(), "the server never went down"
        return restart

    def answers(self) -> bool:
        try:
            with psycopg.connect(self.url.replace("+psycopg", ""), connect_timeout=2) as connection:
                connection.execute("SELECT 1")
            return True
        except psycopg.OperationalError:
            return False


@contextmanager
def restartable_server() -> Iterator[RestartablePostgres]:
    """A server for the duration; the test is skipped (with the reason) where no PostgreSQL
    server is installed, except in CI, where that fails it."""
    started = subprocess.run(["bash", str(PG_TEMP)], capture_output=True, text=True, timeout=120)
    if started.returncode == NO_SERVER:
        reason = started.stderr.strip() or "no PostgreSQL server binaries"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}: CI must run the PostgreSQL restart scenarios")
        pytest.skip(reason)
    assert started.returncode == 0, started.stderr
    folder, url = started.stdout.split()
    try:
        yield RestartablePostgres(folder, url)
    finally:
        subprocess.run(["bash", str(PG_TEMP), "stop", folder], timeout=120)
