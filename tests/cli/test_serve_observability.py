"""The real `northstar run` in both modes answers /healthz, /readyz and /metrics: in HTTP mode on
its port, across gunicorn's worker processes (one count, whichever worker is asked); in Socket
Mode on the ingestion port. Counts move after a /cost and an ingestion."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from storage.db import Database
from storage.workspaces import ensure_workspace, rotate_ingest_token
from tests.bot.test_socket_mode import envelope, free_port, post_events
from tests.cli.test_serve import wait_until
from tests.slack_requests import SlackClient, load_payload

ROOT = Path(__file__).resolve().parents[2]
SECRET = "observability-signing-secret"
TEAM = "T0ACCEPT"
METRICS_TOKEN = "metrics-token-0123456789abcdef"
ORDER = {"type": "metric", "external_id": "order-1", "occurred_on": "2026-11-20",
         "metric": "revenue", "value": "89.90", "channel": "shop"}


def get(url: str, headers: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return 0, ""


def metric(text: str, name: str, **labels: str) -> float | None:
    """One sample's value from the Prometheus text format."""
    shown = ",".join(f'{key}="{value}"' for key, value in labels.items())
    pattern = re.escape(name + (f"{{{shown}}}" if shown else "")) + r" (\S+)"
    found = re.search(rf"^{pattern}$", text, re.MULTILINE)
    return float(found.group(1)) if found else None


def ingest_token(database_url: str) -> str:
    db = Database(database_url)
    try:
        with db.session() as session:
            return rotate_ingest_token(session, ensure_workspace(session, TEAM, datetime.now(UTC)))
    finally:
        db.dispose()


def start(args: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen:
    clean = {key: value for key, value in os.environ.items()
             if not key.startswith(("SLACK_", "NORTHSTAR_", "PROMETHEUS_")) and key != "DATABASE_URL"}
    with log_path.open("wb") as log:
        return subprocess.Popen([sys.executable, "-m", "cli.main", "run", *args],
                                env={**clean, "PYTHONUNBUFFERED": "1", **env}, cwd=ROOT, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def test_http_mode_across_workers(sqlite_url, fake_slack, tmp_path):
    token = ingest_token(sqlite_url)
    port, log_path, temp = free_port(), tmp_path / "northstar.log", tmp_path / "tmp"
    temp.mkdir()
    process = start(["--workers", "2", "--port", str(port)], {
        "SLACK_BOT_TOKEN": fake_slack.bot_token, "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake_slack.api_url, "DATABASE_URL": sqlite_url, "TMPDIR": str(temp),
        "NORTHSTAR_TICK_SECONDS": "1", "NORTHSTAR_METRICS_TOKEN": METRICS_TOKEN}, log_path)
    base = f"http://127.0.0.1:{port}"
    bearer = {"Authorization": f"Bearer {METRICS_TOKEN}"}
    try:
        assert wait_until(lambda: get(f"{base}/healthz")[0] == 200, 60), log_path.read_text()
        assert wait_until(lambda: get(f"{base}/readyz")[0] == 200, 30), get(f"{base}/readyz")
        slack = SlackClient(base, SECRET)
        assert slack.unsigned("/cost", "5 tools")[0] == 401
        status, body, _ = slack.command("/cost", "49,90 tools Zapier", team_id=TEAM)
        assert status == 200 and json.loads(body)["text"].startswith("✅")
        assert post_events(port, token, [ORDER, ORDER])[0] == 200

        assert get(f"{base}/metrics")[0] == 401  # the token is set: loopback is not enough
        assert get(f"{base}/metrics", {"Authorization": "Bearer nope"})[0] == 401
        for _ in range(6):  # each scrape may reach either worker: every one sees every count
            status, text = get(f"{base}/metrics", bearer)
            assert status == 200, text
            assert metric(text, "northstar_commands_total", kind="cost", outcome="stored") == 1
            assert metric(text, "northstar_events_ingested_total", result="accepted") == 1
            assert metric(text, "northstar_events_ingested_total", result="duplicate") == 1
            assert metric(text, "northstar_database_up") == 1
            assert metric(text, "northstar_scheduler_lag_seconds") < 60
        assert [p.name for p in temp.iterdir()][0].startswith("northstar-metrics-")
    finally:
        stop(process)
    assert list(temp.iterdir()) == [], "the metrics folder is removed when the server stops"


def test_socket_mode_on_the_ingestion_port(sqlite_url, fake_slack, tmp_path):
    from tests.bot.test_socket_mode import SocketModeServer

    socket_mode = SocketModeServer()
    fake_slack.socket_mode_url = socket_mode.url
    token = ingest_token(sqlite_url)
    port, log_path = free_port(), tmp_path / "northstar.log"
    process = start(["--ingest-port", str(port)], {
        "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-test",
        "SLACK_API_URL": fake_slack.api_url, "DATABASE_URL": sqlite_url}, log_path)
    base = f"http://127.0.0.1:{port}"
    try:
        assert socket_mode.connected.wait(30), log_path.read_text()
        assert wait_until(lambda: get(f"{base}/readyz") == (200, '{"status": "ready"}'), 30), \
            log_path.read_text()
        assert get(f"{base}/healthz") == (200, '{"status": "ok"}')
        command = dict(load_payload("slash_command"), command="/cost", text="120 tools Socket",
                       team_id=TEAM)
        ack = socket_mode.exchange(envelope("slash_commands", 1, command))
        assert ack["payload"]["text"].startswith("✅")
        assert post_events(port, token, [ORDER, {"type": "cost", "amount": -3}])[0] == 200
        status, text = get(f"{base}/metrics")
        assert status == 200, text
        assert metric(text, "northstar_commands_total", kind="cost", outcome="stored") == 1
        assert metric(text, "northstar_command_seconds_count", kind="cost") == 1
        assert metric(text, "northstar_events_ingested_total", result="accepted") == 1
        assert metric(text, "northstar_events_ingested_total", result="rejected") == 1
        assert metric(text, "northstar_due_backlog") == 0
    finally:
        stop(process)
        socket_mode.close()
