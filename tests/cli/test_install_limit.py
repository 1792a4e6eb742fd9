"""`/slack/install` as `northstar run` serves it: each client address may open it a few times
in a row, then gets 429 with Retry-After, and nothing more is written."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from bot.oauth import build_bot
from cli.serve import http_routes, install_limit
from ritual.deps import Deps
from storage.db import Database
from tests.bot.conftest import MovableClock
from tests.bot.oauth_helpers import get, oauth_config
from web.server import make_http_server


@pytest.fixture
def served(sqlite_url, fake_slack):
    db = Database(sqlite_url)
    deps = Deps(db=db, clock=MovableClock(None))
    app, _ = build_bot(oauth_config(fake_slack, sqlite_url), deps)
    server = make_http_server(http_routes(app, deps), 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", db
    server.shutdown()
    server.server_close()
    db.dispose()


def test_one_address_opening_the_install_page_over_and_over_gets_429(served):
    base_url, db = served
    burst = install_limit().burst
    statuses = [get(f"{base_url}/slack/install")[0] for _ in range(burst)]
    assert statuses == [200] * burst
    status, _, headers = get(f"{base_url}/slack/install")
    assert status == 429 and int(headers["Retry-After"]) >= 1
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM slack_oauth_states")).scalar() == burst
