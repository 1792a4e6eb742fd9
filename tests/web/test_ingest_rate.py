"""The ingestion endpoint limits each token's requests (NORTHSTAR_INGEST_RATE a minute, a
burst at once): beyond it 429 with Retry-After, nothing read or stored; other tokens go on."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from bot.process_config import BotConfig, ProcessSettings
from cli.serve import run
from ritual.deps import Deps
from storage.db import Database
from storage.models import Entry, Workspace
from storage.workspaces import rotate_ingest_token
from web.ingest import INGEST_PATH, RATE_ENV, ingest_app, ingest_rate
from web.server import make_http_server


def event(number: int) -> bytes:
    return json.dumps({"events": [{"type": "metric", "external_id": f"o-{number}",
                                   "occurred_on": "2026-11-20", "metric": "orders",
                                   "value": 1}]}).encode()


@pytest.fixture
def served(sqlite_url):
    db = Database(sqlite_url)
    tokens = []
    with db.session() as session:
        for team in ("T0BUSY", "T0CALM"):
            workspace = Workspace(id=team, created_at=datetime(2026, 1, 1, tzinfo=UTC))
            session.add(workspace)
            session.flush()
            tokens.append(rotate_ingest_token(session, workspace))
    server = make_http_server({INGEST_PATH: ingest_app(Deps(db=db), rate=6)}, 0)  # burst 6
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{INGEST_PATH}", tokens, db
    server.shutdown()
    server.server_close()
    db.dispose()


def post(url: str, token: str, body: bytes) -> tuple[int, object]:
    request = urllib.request.Request(url, data=body, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_a_runaway_token_gets_429_with_retry_after_and_others_go_on(served):
    url, (busy, calm), db = served
    statuses = [post(url, busy, event(n))[0] for n in range(6)]
    assert statuses == [200] * 6
    status, headers = post(url, busy, event(6))
    assert status == 429 and int(headers["Retry-After"]) == 10  # 6 a minute: one every 10 s
    assert post(url, calm, event(7))[0] == 200
    with db.reader() as session:
        assert session.scalar(select(func.count()).select_from(Entry)) == 7


def test_a_wrong_token_is_refused_without_spending_anyones_budget(served):
    url, (busy, _), _ = served
    for n in range(10):
        assert post(url, "not-a-token", event(n))[0] == 401
    assert post(url, busy, event(99))[0] == 200


@pytest.mark.parametrize(("value", "rate"), [(None, 60.0), ("120", 120.0), ("0", 0.0), (" 7.5 ", 7.5)])
def test_the_rate_comes_from_the_environment(value, rate):
    assert ingest_rate({} if value is None else {RATE_ENV: value}) == rate


@pytest.mark.parametrize("value", ["fast", "-1", "nan", "inf"])
def test_a_bad_rate_is_refused_with_its_reason(value):
    with pytest.raises(ValueError, match=RATE_ENV):
        ingest_rate({RATE_ENV: value})


def test_northstar_run_refuses_a_bad_rate_with_one_line(monkeypatch, caplog, sqlite_url):
    monkeypatch.setenv(RATE_ENV, "fast")
    config = BotConfig(bot_token="xoxb-1", signing_secret="s", app_token=None,
                       api_url="http://127.0.0.1:9/api/", database_url=sqlite_url,
                       process=ProcessSettings.from_env())
    assert run(config, port=0, ingest_port=0) == 2
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
        f"{RATE_ENV}='fast': requests a minute per token, a number of 0 or more (0: no limit; default 60)"]
