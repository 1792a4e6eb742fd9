"""`northstar run --workers 3` in HTTP mode: every request answered across the worker
processes, one scheduler among them, and the week's digest posted once."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, date, datetime
from pathlib import Path

from storage.db import Database
from storage.sample_business import seed_sample_business
from tests.slack_requests import SlackClient

ROOT = Path(__file__).resolve().parents[2]
SECRET = "serve-signing-secret"
MONDAY_0901_BERLIN = datetime(2026, 11, 23, 8, 1, tzinfo=UTC)
INSTALLED = datetime(2026, 11, 20, tzinfo=UTC)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.1)
    return check()


def serving(base_url: str, process: subprocess.Popen) -> bool:
    try:
        urllib.request.urlopen(f"{base_url}/ingest/v1/events", timeout=1)
    except urllib.error.HTTPError as error:
        return error.code == 405
    except OSError:
        return False
    return process.poll() is not None


def test_three_workers_answer_and_one_scheduler_posts_the_digest_once(sqlite_url, fake_slack,
                                                                      tmp_path):
    db = Database(sqlite_url)
    with db.session() as session:
        seed_sample_business(session, date(2026, 11, 23), INSTALLED).created_at = INSTALLED
    db.dispose()
    port, log_path = free_port(), tmp_path / "northstar.log"
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("SLACK_", "NORTHSTAR_")) and key != "DATABASE_URL"}
    env.update(SLACK_BOT_TOKEN=fake_slack.bot_token, SLACK_SIGNING_SECRET=SECRET,
               SLACK_API_URL=fake_slack.api_url, DATABASE_URL=sqlite_url, PYTHONUNBUFFERED="1",
               NORTHSTAR_TICK_SECONDS="1", NORTHSTAR_FAKE_NOW=MONDAY_0901_BERLIN.isoformat())
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "cli.main", "run", "--workers", "3", "--port", str(port)],
            env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    try:
        assert wait_until(lambda: serving(base_url, process), 60), log_path.read_text()
        slack = SlackClient(base_url, SECRET)
        answers = [slack.command("/cost", f"{n},50 tools worker-{n}", team_id="TDEMO")
                   for n in range(1, 13)]
        assert all(status == 200 and json.loads(body)["text"].startswith("✅")
                   for status, body, _ in answers), answers
        assert wait_until(lambda: fake_slack.messages_in("C0KPI"), 90), log_path.read_text()
        time.sleep(4)  # four more ticks: nothing more may be posted
        assert len(fake_slack.messages_in("C0KPI")) == 1
        logs = log_path.read_text()
        assert logs.count("Booting worker") == 3 and logs.count("holds the scheduler lock") == 1, logs
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
