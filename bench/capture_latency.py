"""Acknowledgement latency of signed slash commands over loopback, on the production server.

    .venv/bin/python -m bench.capture_latency [N]

Four servers run side by side, each on gunicorn with 2 worker processes (web/production.py):
`northstar run` itself (SQLite with 100,000 entries; each `/cost` is parsed, stored and
confirmed), a bare Bolt app whose `/cost` listener only acks (Bolt's defaults, which poll for
the ack every 10 ms), the same bare app with `process_before_response=True` (no polling: the
floor of Bolt on this server), and a WSGI app that answers every request "ok" without reading
it (the floor of the server and this client). They are measured in turns, N requests each.

Last, a fixed piece of pure-Python work (as long as the floor's median) is timed as often: how
much this host alone spreads the same work between its median and its slowest percent.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from sqlalchemy import func, select

from bench.seed import seed_workspace
from storage.db import Database
from storage.models import Entry
from tests.fake_slack import FakeSlack
from tests.slack_requests import sign
from web.production import ProductionServer, bind_socket

SECRET = "bench-secret"
ENTRIES = 100_000
WORKERS = 2


def bare_app(api_url: str, process_before_response: bool) -> App:
    """Bolt with one /cost listener that only acks."""
    app = App(signing_secret=SECRET, client=WebClient(token="xoxb-test", base_url=api_url),
              process_before_response=process_before_response)

    @app.command("/cost")
    def _ack(ack):
        ack("ok")

    return app


def serve_bare(port: int, api_url: str, process_before_response: bool) -> None:
    """(In a child process) the bare app on the production server."""
    ProductionServer(lambda: {"/slack/events": SlackRequestHandler(
        bare_app(api_url, process_before_response))}, bind_socket("127.0.0.1", port),
        workers=WORKERS).run()


def answer_ok(_environ, start_response) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]


def serve_plain(port: int) -> None:
    """(In a child process) the server alone, around a WSGI app that only answers."""
    ProductionServer(lambda: {"/slack/events": answer_ok},
                     bind_socket("127.0.0.1", port), workers=WORKERS).run()


def host_spread(n: int, milliseconds: float) -> tuple[float, float]:
    """p50 and p99 in ms of the same pure-Python work, sized to take about `milliseconds`."""
    def work(rounds: int) -> int:
        total = 0
        for i in range(rounds):
            total += i * i % 7
        return total

    started = time.perf_counter()
    work(100_000)
    rounds = int(100_000 * milliseconds / ((time.perf_counter() - started) * 1000))
    timings = []
    for _ in range(n):
        started = time.perf_counter()
        work(rounds)
        timings.append((time.perf_counter() - started) * 1000)
    quantiles = statistics.quantiles(timings, n=100)
    return quantiles[49], quantiles[98]


def free_port() -> int:
    with bind_socket("127.0.0.1", 0) as probe:
        return probe.getsockname()[1]


def start(command: list[str], env: dict, log: Path,
          cwd: Path | None = None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen([*command, str(port)], env=env, stdout=out, cwd=cwd,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/slack/events"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return process, url
        except urllib.error.HTTPError:  # Bolt answers a GET with 404: it is up
            return process, url
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"server did not start:\n{log.read_text()}")


def measure(url: str, n: int) -> list[float]:
    """Milliseconds from sending a signed /cost to receiving its acknowledgement."""
    timings = []
    for i in range(n):
        body = urllib.parse.urlencode({
            "team_id": "T0BENCH", "user_id": "U0BENCH", "channel_id": "C0KPI",
            "command": "/cost", "text": f"{10 + i % 90},90 tools Bench {i}",
            "response_url": "http://127.0.0.1:9/none", "trigger_id": "1.2.3",
        }).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body, SECRET)}
        request = urllib.request.Request(url, data=body, headers=headers)
        start_time = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            response.read()
            assert response.status == 200
        timings.append((time.perf_counter() - start_time) * 1000)
    return timings


def summary(name: str, timings: list[float]) -> str:
    quantiles = statistics.quantiles(timings, n=100)
    return (f"{name:<34} n={len(timings):<5} p50={quantiles[49]:6.2f} ms  "
            f"p99={quantiles[98]:6.2f} ms  max={max(timings):6.2f} ms")


def main(n: int = 1000) -> None:
    with tempfile.TemporaryDirectory() as folder, FakeSlack() as fake:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        db = Database(url)
        db.upgrade()
        started = time.perf_counter()
        seed_workspace(db, "T0BENCH", ENTRIES, date.today(), years=2)
        print(f"seeded {ENTRIES:,} entries in {time.perf_counter() - started:.1f} s (SQLite, WAL)")
        env = {**os.environ, "SLACK_BOT_TOKEN": fake.bot_token, "SLACK_SIGNING_SECRET": SECRET,
               "SLACK_API_URL": fake.api_url, "DATABASE_URL": url}
        env.pop("SLACK_APP_TOKEN", None)
        me = [sys.executable, "-m", "bench.capture_latency"]
        servers = {
            "northstar run /cost (stores)": start([sys.executable, "-m", "cli.main", "run",
                                                   "--workers", str(WORKERS), "--port"], env,
                                                  Path(folder) / "northstar.log"),
            "bare Bolt (ack only, polling)": start([*me, "--bare", "polling"], env,
                                                   Path(folder) / "bare.log"),
            "bare Bolt (ack only, no polling)": start([*me, "--bare", "direct"], env,
                                                      Path(folder) / "floor.log"),
            "gunicorn alone (answers ok)": start([*me, "--plain", "-"], env,
                                                 Path(folder) / "plain.log"),
        }
        try:
            timings: dict[str, list[float]] = {name: [] for name in servers}
            for _, url_ in servers.values():
                measure(url_, 50)
            for _ in range(5):
                for name, (_, url_) in servers.items():
                    timings[name] += measure(url_, n // 5)
        finally:
            for process, _ in servers.values():
                process.terminate()
                process.wait(30)
        with db.session() as session:
            stored = session.scalar(select(func.count()).select_from(Entry)
                                    .where(Entry.source == "slash"))
        print(f"entries stored through /cost during the run: {stored:,} "
              f"(gunicorn, {WORKERS} worker processes each)")
        for name, values in timings.items():
            print(summary(name, values))
        ours, bare, floor, _ = (statistics.quantiles(v, n=100)[98] for v in timings.values())
        print(f"p99 ratio northstar / bare Bolt: {ours / bare:.2f}x; northstar / bare Bolt "
              f"without polling: {ours / floor:.2f}x (target: p99 <= 5 ms and <= 1.5x bare)")
        floor_p50 = statistics.quantiles(timings["bare Bolt (ack only, no polling)"], n=100)[49]
        p50, p99 = host_spread(n, floor_p50)
        print(f"the host alone: the same {p50:.2f} ms of pure Python took p99 {p99:.2f} ms "
              f"({p99 / p50:.2f}x its median)")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--bare":
        serve_bare(int(sys.argv[3]), os.environ["SLACK_API_URL"], sys.argv[2] == "direct")
    elif len(sys.argv) == 4 and sys.argv[1] == "--plain":
        serve_plain(int(sys.argv[3]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
