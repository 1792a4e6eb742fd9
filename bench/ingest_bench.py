"""Ingestion throughput: batches of 1,000 events over HTTP, on SQLite and on PostgreSQL.

    .venv/bin/python -m bench.ingest_bench [BATCHES]
Each database is measured with the earlier store (one ORM row per event, bench/ingest_before.py)
and with the batch statement, in the same run, each on a fresh database.
PostgreSQL is used when NORTHSTAR_BENCH_PG_URL (a server URL) is set, or started with
scripts/pg_temp.sh when its binaries are installed.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

from bench.ingest_before import before
from ritual.deps import Deps
from storage.db import Database
from storage.models import Workspace
from storage.workspaces import rotate_ingest_token
from web.ingest import INGEST_PATH, ingest_app
from web.server import make_http_server

BATCH = 1000


def batch(number: int) -> bytes:
    start = date.today() - timedelta(days=300)
    events = []
    for i in range(BATCH):
        day = (start + timedelta(days=i % 300)).isoformat()
        kind = i % 4
        event = {"external_id": f"b{number}-e{i}", "occurred_on": day}
        if kind == 0:
            event |= {"type": "metric", "metric": "revenue", "value": f"{10 + i % 90}.90",
                      "channel": "shop"}
        elif kind == 1:
            event |= {"type": "cost", "amount": 1.55 + i % 7, "category": "fees"}
        elif kind == 2:
            event |= {"type": "hours", "hours": "1h30", "activity": "support"}
        else:
            event |= {"type": "metric", "metric": "orders", "value": 1}
        events.append(event)
    return json.dumps({"events": events}).encode()


def bench_workspace(db: Database) -> str:
    """Migrate, add the bench's workspace and return its ingestion token."""
    db.upgrade()
    with db.session() as session:
        workspace = Workspace(id="T0BENCH", created_at=datetime.now(UTC))
        session.add(workspace)
        session.flush()
        return rotate_ingest_token(session, workspace)


def measure(url: str, batches: int) -> tuple[float, int]:
    db = Database(url)
    token = bench_workspace(db)
    server = make_http_server({INGEST_PATH: ingest_app(Deps(db=db), rate=0)}, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = f"http://127.0.0.1:{server.server_address[1]}{INGEST_PATH}"
    bodies = [batch(n) for n in range(batches)]
    accepted = 0
    started = time.perf_counter()
    for body in bodies:
        request = urllib.request.Request(endpoint, data=body, headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request) as response:
            accepted += len(json.loads(response.read())["accepted"])
    elapsed = time.perf_counter() - started
    server.shutdown()
    db.dispose()
    return elapsed, accepted


def stop_postgres(folder: str | None) -> None:
    """Stop a server postgres_server() started (none when it used NORTHSTAR_BENCH_PG_URL)."""
    if folder:
        subprocess.run(["bash", str(Path(__file__).resolve().parents[1] / "scripts" /
                                    "pg_temp.sh"), "stop", folder], check=False)


def postgres_server() -> tuple[str | None, str | None]:
    if os.environ.get("NORTHSTAR_BENCH_PG_URL"):
        return os.environ["NORTHSTAR_BENCH_PG_URL"], None
    script = Path(__file__).resolve().parents[1] / "scripts" / "pg_temp.sh"
    result = subprocess.run(["bash", str(script)], capture_output=True, text=True)
    if result.returncode != 0:
        return None, None
    folder, url = result.stdout.split()
    return url, folder


def _line(name: str, elapsed: float, accepted: int, batches: int) -> float:
    rate = accepted / elapsed
    print(f"{name:<34} {accepted:,} events in {elapsed:5.1f} s = {rate:8,.0f} events/s "
          f"({elapsed / batches * 1000:4.0f} ms per batch of {BATCH})")
    return rate


def compare(name: str, fresh_url, batches: int) -> None:
    """The earlier store and the batch statement in turn, each on a fresh database."""
    rates = {}
    for label, patch in (("before", before), ("now", contextlib.nullcontext)):
        with fresh_url() as url, patch():
            rates[label] = _line(f"{name}, {label}:", *measure(url, batches), batches)
    print(f"{name}: {rates['now'] / rates['before']:.2f}x the earlier store in the same run")


@contextlib.contextmanager
def sqlite_url():
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{Path(folder) / 'bench.db'}"


def postgres_url(server: str):
    @contextlib.contextmanager
    def fresh():
        name = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield f"{server.rsplit('/', 1)[0]}/{name}"
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    return fresh


def main(batches: int = 20) -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (the machine is shared)")
    compare("SQLite", sqlite_url, batches)
    server, folder = postgres_server()
    if server is None:
        print("PostgreSQL: no server available (set NORTHSTAR_BENCH_PG_URL)")
        return
    try:
        compare("PostgreSQL", postgres_url(server), batches)
    finally:
        stop_postgres(folder)
    print("target: PostgreSQL >= 20,000 events/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
