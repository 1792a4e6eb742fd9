"""Ingestion on the production server (gunicorn, 2 worker processes) with 1 and 2 senders.

    .venv/bin/python -m bench.ingest_senders [BATCHES] [SENDERS,...]
Batches of 1,000 events (bench.ingest_bench's) over keep-alive HTTP connections, each sender
a thread with its own connection sending its share in turn; PostgreSQL when
NORTHSTAR_BENCH_PG_URL is set or its binaries are installed, else SQLite. The client, the
server's workers and the database share this machine's cores, so the figures are the whole
path's, not the server's alone.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import sys
import threading
import time

from bench.ingest_bench import (
    BATCH,
    batch,
    bench_workspace,
    postgres_server,
    postgres_url,
    sqlite_url,
    stop_postgres,
)
from ritual.deps import Deps
from storage.db import Database
from web.ingest import INGEST_PATH, ingest_app
from web.production import ProductionServer, bind_socket

WORKERS = 2


def _serve(sock, url: str) -> None:
    """(In a child process) the ingestion route on gunicorn."""
    ProductionServer(lambda: {INGEST_PATH: ingest_app(Deps(db=Database(url)), rate=0)}, sock,
                     workers=WORKERS).run()


def _prepare(url: str) -> str:
    db = Database(url)
    token = bench_workspace(db)
    db.dispose()
    return token


def _send(port: int, token: str, bodies: list[bytes], accepted: list[int]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for body in bodies:
        connection.request("POST", INGEST_PATH, body, {
            "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        response = connection.getresponse()
        reply = response.read()
        if response.status != 200:
            raise RuntimeError(f"{response.status}: {reply[:200]!r}")
        accepted.append(len(json.loads(reply)["accepted"]))
    connection.close()


def _wait_until_up(port: int) -> None:
    for _ in range(200):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/nothing")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("server did not start")


def measure(url: str, batches: int, senders: int) -> float:
    """Events per second for `batches` batches spread over `senders` concurrent senders."""
    token = _prepare(url)
    sock = bind_socket("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = multiprocessing.get_context("fork").Process(target=_serve, args=(sock, url))
    server.start()
    try:
        _wait_until_up(port)
        _send(port, token, [batch(10_000 + n) for n in range(senders)], [])  # warm every worker
        bodies = [batch(n) for n in range(batches)]
        accepted: list[int] = []
        threads = [threading.Thread(target=_send, args=(port, token, bodies[i::senders], accepted))
                   for i in range(senders)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.join(15)
        sock.close()
    assert sum(accepted) == batches * BATCH, sum(accepted)
    return batches * BATCH / elapsed


def main(batches: int = 40, sender_counts: tuple[int, ...] = (1, 2)) -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (the machine is shared)")
    server, folder = postgres_server()
    name, fresh = ("PostgreSQL", postgres_url(server)) if server else ("SQLite", sqlite_url)
    try:
        rates = {}
        for senders in sender_counts:
            with fresh() as url:
                rates[senders] = measure(url, batches, senders)
            print(f"{name}, gunicorn {WORKERS} workers, {senders} sender(s): "
                  f"{rates[senders]:8,.0f} events/s ({batches} batches of {BATCH})")
        first = sender_counts[0]
        for senders in sender_counts[1:]:
            print(f"  {senders} senders: {rates[senders] / rates[first]:.2f}x {first} in the same run")
    finally:
        stop_postgres(folder)
    print("target: PostgreSQL >= 20,000 events/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40,
         tuple(int(n) for n in sys.argv[2].split(",")) if len(sys.argv) > 2 else (1, 2))
