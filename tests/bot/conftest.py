"""The real Bolt app in HTTP mode on loopback, against the fake Slack and a real database."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from bot.app import build_app, slack_routes
from bot.process_config import BotConfig
from ritual.deps import Deps
from storage.db import Database
from tests.clock import MovableClock
from tests.fake_slack import FakeSlack
from tests.servers import FAST_SHUTDOWN
from tests.slack_requests import SlackClient
from web.ingest import INGEST_PATH, ingest_app
from web.server import make_http_server

SIGNING_SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test"


@dataclass
class RunningBot:
    """What a test drives: signed requests in, fake Slack and database to look at."""

    slack: SlackClient
    fake: FakeSlack
    db: Database
    deps: Deps
    clock: MovableClock
    base_url: str


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(datetime(2026, 11, 20, 10, 30, tzinfo=UTC))


def start_bot(database_url: str, fake: FakeSlack, clock: MovableClock) -> tuple[RunningBot, object]:
    db = Database(database_url)
    db.upgrade()
    deps = Deps(db=db, clock=clock)
    config = BotConfig(bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET, app_token=None,
                       api_url=fake.api_url, database_url=database_url)
    app = build_app(config, deps)
    server = make_http_server({**slack_routes(app), INGEST_PATH: ingest_app(deps)}, 0)
    threading.Thread(target=server.serve_forever, kwargs=FAST_SHUTDOWN, daemon=True).start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    bot = RunningBot(SlackClient(base_url, SIGNING_SECRET), fake, db, deps, clock, base_url)
    return bot, server


@pytest.fixture
def bot(database_url: str, fake_slack: FakeSlack, clock: MovableClock) -> Iterator[RunningBot]:
    running, server = start_bot(database_url, fake_slack, clock)
    yield running
    server.shutdown()
    server.server_close()
    running.db.dispose()
