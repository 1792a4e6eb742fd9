"""Socket Mode end to end: the real `northstar run` with SLACK_APP_TOKEN, its Web API pointed at
the fake Slack, whose `apps.connections.open` hands out a WebSocket server run by this test.

The server plays Slack's side: `hello`, then a slash command, a view submission and an event,
one envelope at a time, each answered by an ack that names its envelope_id. The ingestion port
beside the Socket Mode connection answers too.
"""

from __future__ import annotations

import json
import os
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from websockets.sync.server import ServerConnection, serve

from storage.db import Database
from storage.workspaces import ensure_workspace, rotate_ingest_token
from tests.bot.helpers import live_entries, view_submission_payload
from tests.slack_requests import load_payload

ROOT = Path(__file__).resolve().parents[2]
TEAM = "T0ACCEPT"
HELLO = {"type": "hello", "num_connections": 1, "debug_info": {"host": "northstar-test"},
         "connection_info": {"app_id": "A0NORTH"}}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SocketModeServer:
    """Slack's end of a Socket Mode connection: hello, then each envelope and its ack in turn."""

    def __init__(self) -> None:
        self.outbox: queue.Queue = queue.Queue()
        self.acks: queue.Queue = queue.Queue()
        self.connected = threading.Event()
        self.server = serve(self._handle, "127.0.0.1", 0)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}/link/?ticket=test"

    def _handle(self, connection: ServerConnection) -> None:
        connection.send(json.dumps(HELLO))
        self.connected.set()
        while (envelope := self.outbox.get()) is not None:
            connection.send(json.dumps(envelope))
            self.acks.put(json.loads(connection.recv(timeout=20)))

    def exchange(self, envelope: dict, timeout: float = 30.0) -> dict:
        """Send one envelope; its ack."""
        self.outbox.put(envelope)
        return self.acks.get(timeout=timeout)

    def close(self) -> None:
        self.outbox.put(None)
        self.server.shutdown()


@pytest.fixture
def socket_mode(fake_slack) -> Iterator[SocketModeServer]:
    server = SocketModeServer()
    fake_slack.socket_mode_url = server.url
    yield server
    server.close()


def ingest_token(database_url: str) -> str:
    db = Database(database_url)
    try:
        with db.session() as session:
            workspace = ensure_workspace(session, TEAM, datetime.now(UTC))
            return rotate_ingest_token(session, workspace)
    finally:
        db.dispose()


def start_socket_mode(database_url: str, api_url: str, ingest_port: int, log_path: Path):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("SLACK_", "NORTHSTAR_")) and key != "DATABASE_URL"}
    env.update(SLACK_BOT_TOKEN="xoxb-test", SLACK_APP_TOKEN="xapp-test", SLACK_API_URL=api_url,
               DATABASE_URL=database_url, PYTHONUNBUFFERED="1")
    with log_path.open("wb") as log:
        return subprocess.Popen([sys.executable, "-m", "cli.main", "run", "--ingest-port",
                                 str(ingest_port)], env=env, cwd=ROOT, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)


def post_events(port: int, token: str, events: list[dict]) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/ingest/v1/events", data=json.dumps({"events": events}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def envelope(kind: str, number: int, payload: dict) -> dict:
    return {"envelope_id": f"env-{kind}-{number}", "type": kind, "payload": payload,
            "accepts_response_payload": kind != "events_api", "retry_attempt": 0,
            "retry_reason": ""}


def wait_ingestion(process: subprocess.Popen, port: int, timeout: float = 30.0) -> bool:
    """True once the ingestion port answers a GET with northstar's 405."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/ingest/v1/events", timeout=1)
        except urllib.error.HTTPError as error:
            if error.code == 405:
                return True
        except OSError:
            time.sleep(0.1)
    return False


def test_socket_mode_acks_every_envelope_and_stores_entries(database_url, fake_slack, socket_mode,
                                                            tmp_path):
    token = ingest_token(database_url)
    port = free_port()
    log_path = tmp_path / "northstar.log"
    process = start_socket_mode(database_url, fake_slack.api_url, port, log_path)
    db = Database(database_url)
    try:
        assert socket_mode.connected.wait(30), log_path.read_text()
        assert fake_slack.calls_to("apps.connections.open")[0].token == "xapp-test"

        command = dict(load_payload("slash_command"), command="/cost", text="120 tools Socket",
                       team_id=TEAM)
        ack = socket_mode.exchange(envelope("slash_commands", 1, command))
        assert ack["envelope_id"] == "env-slash_commands-1"
        assert ack["payload"]["text"].startswith("✅") and "120,00" in ack["payload"]["text"]

        submission = view_submission_payload("entry_modal:hours", {
            "duration": {"type": "plain_text_input", "value": "1h30"},
            "activity": {"type": "static_select", "selected_option": {"value": "support"}},
            "description": {"type": "plain_text_input", "value": "Socket tickets"},
            "date": {"type": "datepicker", "selected_date": "2026-11-19"},
            "channel": {"type": "plain_text_input", "value": None},
        }, private_metadata=json.dumps({"channel": "C0KPI"}))
        ack = socket_mode.exchange(envelope("interactive", 2, submission))
        assert ack["envelope_id"] == "env-interactive-2" and not ack.get("payload")
        fake_slack.wait_for("chat.postEphemeral", timeout=15)

        ack = socket_mode.exchange(envelope("events_api", 3, load_payload("event_app_home_opened")))
        assert ack == {"envelope_id": "env-events_api-3"}
        [publish] = fake_slack.wait_for("views.publish", timeout=15)
        assert publish.args["user_id"] == "U0OWNER" and publish.token == "xoxb-test"

        assert wait_ingestion(process, port), log_path.read_text()
        status, answer = post_events(port, token, [{
            "type": "metric", "external_id": "socket-order-1", "occurred_on": "2026-11-20",
            "metric": "revenue", "value": "89.90", "channel": "shop"}])
        assert status == 200 and [item["index"] for item in answer["accepted"]] == [0], answer

        entries = {(e.kind, e.source): e for e in live_entries(db, TEAM)}
        assert set(entries) == {("cost", "slash"), ("hours", "modal"), ("metric", "ingest")}, entries
        cost, hours = entries["cost", "slash"], entries["hours", "modal"]
        assert (cost.quantity, cost.category, cost.description) == (Decimal("120"), "tools", "Socket")
        assert (hours.quantity, hours.activity) == (Decimal("1.5"), "support")
        assert entries["metric", "ingest"].external_id == "socket-order-1"
        assert process.poll() is None, log_path.read_text()
        assert fake_slack.violations == []
    finally:
        db.dispose()
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
