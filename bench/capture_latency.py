"""Acknowledgement latency of signed slash commands, against a bare Bolt app in the same run.

    .venv/bin/python -m bench.capture_latency [N]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

from slack_bolt import App
from slack_sdk import WebClient
from sqlalchemy import func, select

from bench.seed import seed_workspace
from bot.app import build_app, slack_routes
from bot.process_config import BotConfig
from ritual.deps import Deps
from storage.db import Database
from storage.models import Entry
from tests.fake_slack import FakeSlack
from tests.slack_requests import sign
from web.server import make_http_server

SECRET = "bench-secret"
ENTRIES = 100_000


def bare_app(fake: FakeSlack, process_before_response: bool = False) -> App:
    """Bolt with one /cost listener that only acks; by default with Bolt's ack polling."""
    app = App(signing_secret=SECRET, client=WebClient(token="xoxb-test", base_url=fake.api_url),
              process_before_response=process_before_response)

    @app.command("/cost")
    def _ack(ack):
        ack("ok")

    return app


def serve(app: App) -> tuple[str, object]:
    server = make_http_server(slack_routes(app), 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/slack/events", server


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
        start = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            response.read()
            assert response.status == 200
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def summary(name: str, timings: list[float]) -> str:
    quantiles = statistics.quantiles(timings, n=100)
    return (f"{name:<28} n={len(timings):<5} p50={quantiles[49]:6.2f} ms  "
            f"p99={quantiles[98]:6.2f} ms  max={max(timings):6.2f} ms")


def main(n: int = 1000) -> None:
    with tempfile.TemporaryDirectory() as folder, FakeSlack() as fake:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        db.upgrade()
        started = time.perf_counter()
        seed_workspace(db, "T0BENCH", ENTRIES, date.today(), years=2)
        print(f"seeded {ENTRIES:,} entries in {time.perf_counter() - started:.1f} s (SQLite, WAL)")
        config = BotConfig(bot_token="xoxb-test", signing_secret=SECRET, app_token=None,
                           api_url=fake.api_url, database_url=None)
        northstar_url, server_a = serve(build_app(config, Deps(db=db)))
        bare_url, server_b = serve(bare_app(fake))
        floor_url, server_c = serve(bare_app(fake, process_before_response=True))
        for url in (northstar_url, bare_url, floor_url):
            measure(url, 50)
        ours, bare, floor = [], [], []
        for _ in range(5):
            ours += measure(northstar_url, n // 5)
            bare += measure(bare_url, n // 5)
            floor += measure(floor_url, n // 5)
        with db.session() as session:
            stored = session.scalar(select(func.count()).select_from(Entry)
                                    .where(Entry.source == "slash"))
        print(f"entries stored through /cost during the run: {stored:,}")
        print(summary("northstar /cost (stores)", ours))
        print(summary("bare Bolt app (ack only)", bare))
        print(summary("bare Bolt, no ack polling", floor))
        p99 = {name: statistics.quantiles(t, n=100)[98]
               for name, t in (("ours", ours), ("bare", bare), ("floor", floor))}
        print(f"p99 ratio northstar / bare Bolt: {p99['ours'] / p99['bare']:.2f}x; "
              f"northstar / bare Bolt without polling: {p99['ours'] / p99['floor']:.2f}x "
              f"(target: p99 <= 5 ms and <= 1.5x bare)")
        for server in (server_a, server_b, server_c):
            server.shutdown()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
