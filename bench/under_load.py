"""Slash commands under load: `/cost` acknowledgements while three senders push batches of
1,000 events and digests render for other workspaces, on SQLite and on PostgreSQL.

    .venv/bin/python -m bench.under_load [SECONDS]

One `northstar run` (gunicorn, 2 worker processes, the fake Slack Web API) per database, on
loopback. First `/cost` alone (the quiet figure); then, for SECONDS (default 25) at most:
three senders (in a child process, each with its own workspace, token and keep-alive
connection) push batches of 1,000 events back to back, a client asks for `/kpi digest`
previews of three other workspaces (each 20,000 entries over two years) one after another,
and two clients send `/cost` every 100 ms each. It prints p50/p95/p99/max of the `/cost`
acknowledgements, how many were stored, the ingestion throughput and the previews
rendered. PostgreSQL: NORTHSTAR_BENCH_PG_URL, or a server started with scripts/pg_temp.sh.
The server runs in a temporary folder (its scheduler lock file is written there).
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func, select

from bench.capture_latency import SECRET, start
from bench.ingest_bench import BATCH, batch, postgres_server, postgres_url, stop_postgres
from bench.seed import seed_workspace
from storage.db import Database
from storage.models import Entry, Workspace
from storage.workspaces import rotate_ingest_token
from tests.fake_slack import FakeSlack
from tests.slack_requests import sign
from web.ingest import INGEST_PATH

SENDERS = 3
MAX_BATCHES = 80  # per sender: the loop ends by then even on a fast machine
COMMAND_CLIENTS, COMMAND_PAUSE = 2, 0.1
QUIET_COMMANDS = 200
NO_RESPONSE = "http://127.0.0.1:9/none"  # /cost answers in its acknowledgement
DIGEST_TEAMS = ("T0DIG1", "T0DIG2", "T0DIG3")
COMMAND_TEAM, DIGEST_ENTRIES, COMMAND_ENTRIES = "T0BENCH", 20_000, 20_000


def prepare(url: str) -> list[str]:
    """Migrate, seed the command's and the digests' workspaces; the senders' tokens."""
    db = Database(url)
    db.upgrade()
    for team in (COMMAND_TEAM, *DIGEST_TEAMS):
        seed_workspace(db, team, DIGEST_ENTRIES if team in DIGEST_TEAMS else COMMAND_ENTRIES,
                       date.today(), years=2)
    tokens = []
    with db.session() as session:
        for number in range(SENDERS):
            workspace = Workspace(id=f"T0ING{number}", created_at=datetime.now(UTC))
            session.add(workspace)
            session.flush()
            tokens.append(rotate_ingest_token(session, workspace))
    db.dispose()
    return tokens


def post(connection: http.client.HTTPConnection, path: str, body: bytes,
         headers: dict) -> tuple[int, bytes]:
    connection.request("POST", path, body, headers)
    response = connection.getresponse()
    return response.status, response.read()


def command(connection, text: str, team: str, response_url: str) -> float:
    """Milliseconds until a signed slash command is acknowledged (it must be a 200)."""
    name, _, rest = text.partition(" ")
    body = urllib.parse.urlencode({
        "team_id": team, "user_id": "U0BENCH", "channel_id": "C0KPI", "command": name,
        "text": rest, "response_url": response_url, "trigger_id": "1.2.3"}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body, SECRET)}
    started = time.perf_counter()
    status, reply = post(connection, "/slack/events", body, headers)
    elapsed = (time.perf_counter() - started) * 1000
    if status != 200:
        raise RuntimeError(f"{name}: HTTP {status} {reply[:200]!r}")
    return elapsed


def send_batches(port: int, tokens: list[str], seconds: float, results) -> None:
    """(In a child process) each sender pushes its batches until time is up; (events, s)."""
    accepted: list[int] = []

    def sender(number: int, token: str) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        for index in range(MAX_BATCHES):
            if time.monotonic() > deadline:
                break
            status, reply = post(connection, INGEST_PATH, batch(number * 1000 + index), headers)
            if status != 200:
                raise RuntimeError(f"ingestion: HTTP {status} {reply[:200]!r}")
            accepted.append(len(json.loads(reply)["accepted"]))

    started = time.monotonic()
    deadline = started + seconds
    threads = [threading.Thread(target=sender, args=pair) for pair in enumerate(tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put((sum(accepted), len(accepted), time.monotonic() - started))


def command_client(port: int, until: threading.Event, timings: list[float], client: int,
                   response_url: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for i in range(100_000):
        if until.is_set():
            break
        timings.append(command(connection, f"/cost {10 + i % 90},90 tools Load {client}-{i}",
                               COMMAND_TEAM, response_url))
        time.sleep(COMMAND_PAUSE)


def digest_client(port: int, until: threading.Event, fake: FakeSlack) -> None:
    """Previews one after another: each is rendered after its acknowledgement, so the next
    is asked for once the previous one reached the fake response_url."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for i in range(10_000):
        if until.is_set():
            break
        before = len(fake.responses)
        command(connection, "/kpi digest", DIGEST_TEAMS[i % len(DIGEST_TEAMS)],
                fake.response_url("digest"))
        deadline = time.monotonic() + 30
        while len(fake.responses) == before and time.monotonic() < deadline and not until.is_set():
            time.sleep(0.01)


def percentiles(timings: list[float]) -> str:
    q = statistics.quantiles(timings, n=100)
    return (f"n={len(timings):<5} p50={q[49]:7.1f} ms  p95={q[94]:7.1f} ms  "
            f"p99={q[98]:7.1f} ms  max={max(timings):7.1f} ms")


def stored_commands(url: str) -> int:
    db = Database(url)
    with db.reader() as session:
        stored = session.scalar(select(func.count()).select_from(Entry).where(
            Entry.workspace_id == COMMAND_TEAM, Entry.source == "slash"))
    db.dispose()
    return stored


def run(name: str, url: str, seconds: float, folder: Path) -> None:
    started = time.perf_counter()
    tokens = prepare(url)
    print(f"{name}: seeded {COMMAND_ENTRIES + DIGEST_ENTRIES * len(DIGEST_TEAMS):,} entries in "
          f"{time.perf_counter() - started:.0f} s")
    with FakeSlack() as fake:
        env = {**os.environ, "SLACK_BOT_TOKEN": fake.bot_token, "SLACK_SIGNING_SECRET": SECRET,
               "SLACK_API_URL": fake.api_url, "DATABASE_URL": url, "NORTHSTAR_INGEST_RATE": "0",
               "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
        env.pop("SLACK_APP_TOKEN", None)
        process, endpoint = start([sys.executable, "-m", "cli.main", "run", "--workers", "2",
                                   "--port"], env, folder / f"{name}.log", cwd=folder)
        port = urllib.parse.urlsplit(endpoint).port
        try:
            quiet: list[float] = []
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            for i in range(QUIET_COMMANDS):
                quiet.append(command(connection, f"/cost {10 + i % 90},90 tools Quiet {i}",
                                     COMMAND_TEAM, NO_RESPONSE))
            loaded = measure_loaded(port, tokens, seconds, fake)
        finally:
            process.terminate()
            process.wait(30)
        (timings, events, batches, elapsed, previews) = loaded
        sent = QUIET_COMMANDS + len(timings)
        print(f"  /cost alone:        {percentiles(quiet[20:])}")
        print(f"  /cost under load:   {percentiles(timings)}")
        print(f"  over 1 s: {sum(t > 1000 for t in timings)}, over 2.5 s: "
              f"{sum(t > 2500 for t in timings)}; /cost stored {stored_commands(url):,} of {sent:,}")
        print(f"  ingestion: {events:,} events in {batches} batches of {BATCH} by {SENDERS} "
              f"senders in {elapsed:.1f} s = {events / elapsed:,.0f} events/s; "
              f"digest previews rendered meanwhile: {previews}")


def measure_loaded(port: int, tokens: list[str], seconds: float, fake: FakeSlack):
    """Everything at once; the commands and previews end when the senders end."""
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    senders = context.Process(target=send_batches, args=(port, tokens, seconds, results))
    done, timings = threading.Event(), [[] for _ in range(COMMAND_CLIENTS)]
    previews_before = len(fake.responses)
    clients = [threading.Thread(target=command_client, args=(port, done, timings[n], n,
                                                             NO_RESPONSE))
               for n in range(COMMAND_CLIENTS)]
    clients.append(threading.Thread(target=digest_client, args=(port, done, fake)))
    senders.start()
    for client in clients:
        client.start()
    try:
        events, batches, elapsed = results.get(timeout=seconds + 120)
    finally:
        done.set()
        for client in clients:
            client.join()
        senders.join(30)
    previews = len(fake.responses) - previews_before
    return [t for part in timings for t in part], events, batches, elapsed, previews


def main(seconds: float = 25) -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start "
          "(the machine is shared)")
    with tempfile.TemporaryDirectory() as folder:
        run("SQLite", f"sqlite:///{Path(folder) / 'load.db'}", seconds, Path(folder))
        print(f"load average {os.getloadavg()[0]:.1f}")
        server, pg_folder = postgres_server()
        if server is None:
            print("PostgreSQL: no server available (set NORTHSTAR_BENCH_PG_URL)")
            return
        try:
            with postgres_url(server)() as url:
                run("PostgreSQL", url, seconds, Path(folder))
        finally:
            stop_postgres(pg_folder)
    print(f"load average {os.getloadavg()[0]:.1f} at the end; target: p99 <= 300 ms, "
          "none near Slack's 3 s")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 25)
