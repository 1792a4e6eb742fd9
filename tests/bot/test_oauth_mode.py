"""OAuth mode: what starts it (and what refuses to), a forged install, token rotation in the
background and in requests, and a workspace without an installation."""

from __future__ import annotations

import logging
import urllib.parse
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, text

from bot.app import oauth_routes, slack_routes
from bot.digest.scheduler import DigestScheduler
from bot.oauth import build_bot, startup_problem
from bot.process_config import BotConfig
from cli.main import main
from ritual.deps import Deps
from storage.db import Database
from storage.models import Digest, Workspace
from storage.workspaces import ensure_workspace
from tests.bot.conftest import MovableClock
from tests.bot.helpers import ack_text
from tests.bot.oauth_helpers import (
    COOKIE,
    get,
    install,
    oauth_config,
    open_install_page,
    start_oauth_bot,
)

NOW = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)


@pytest.fixture
def bot(sqlite_url, fake_slack):
    running = start_oauth_bot(sqlite_url, fake_slack, MovableClock(NOW))
    yield running
    running.stop()


def installations(bot) -> int:
    with bot.db.engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM slack_installations")).scalar()


def test_install_page_shows_the_add_to_slack_button(bot):
    page, state = open_install_page(bot)
    assert 'alt="Add to Slack"' in page and "chat:write" in page and "." in state


def test_install_routes_only_when_distributed(fake_slack, sqlite_url):
    deps = Deps(db=Database(sqlite_url))
    distributed, _ = build_bot(oauth_config(fake_slack, sqlite_url), deps)
    single_app, clients = build_bot(single(api_url=fake_slack.api_url, bot_token=fake_slack.bot_token), deps)
    assert set(oauth_routes(distributed)) == {"/slack/install", "/slack/oauth_redirect"}
    assert set(slack_routes(distributed)) == {"/slack/events", "/slack/install", "/slack/oauth_redirect"}
    assert oauth_routes(single_app) == {} and set(slack_routes(single_app)) == {"/slack/events"}
    assert clients.for_team("T0ACCEPT") is single_app.client
    deps.db.dispose()


def test_a_forged_or_replayed_state_stores_nothing(bot):
    _, state = open_install_page(bot)
    plain = state.rsplit(".", 1)[0]
    code = bot.fake.workspaces.offer_install("T9")
    for forged in (f"{plain}.{'0' * 32}", plain):
        query = urllib.parse.urlencode({"code": code, "state": forged})
        status, _, _ = get(f"{bot.base_url}/slack/oauth_redirect?{query}", {"Cookie": f"{COOKIE}={forged}"})
        assert status in (400, 401)
    assert installations(bot) == 0 and bot.fake.calls_to("oauth.v2.access") == []
    status, _ = install(bot, "T9", "U9ADMIN")
    assert status == 200 and installations(bot) == 1


def test_a_refused_code_stores_nothing(bot):
    _, state = open_install_page(bot)
    query = urllib.parse.urlencode({"code": "code-never-issued", "state": state})
    status, _, _ = get(f"{bot.base_url}/slack/oauth_redirect?{query}", {"Cookie": f"{COOKIE}={state}"})
    assert status == 401 and installations(bot) == 0
    with bot.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Workspace)) == 0


def test_background_calls_refresh_a_rotating_token_first(bot):
    install(bot, "T1", "U0OWNER", rotating=True, expires_in=60)  # expires within Bolt's window
    [first] = bot.fake.workspaces.tokens_of("T1")
    client = bot.clients.for_team("T1")
    assert client.token != first and client.token.startswith("xoxe.xoxb-1-T1")
    [refresh] = bot.fake.calls_to("oauth.v2.access")[1:]
    assert refresh.args["grant_type"] == "refresh_token"
    assert client.chat_postMessage(channel="C0KPI", text="hi")["ok"]
    with bot.db.engine.connect() as connection:
        stored = connection.execute(text("SELECT bot_token, bot_refresh_token FROM slack_bots")).all()
    assert all("secretpart" not in value and "refresh" not in value for row in stored for value in row)


def test_a_request_refreshes_a_rotating_token_through_bolt(bot):
    install(bot, "T5", "U0OWNER", rotating=True, expires_in=60)
    _, body, _ = bot.slack.command("/cost", "12 tools", team_id="T5")
    assert "Gespeichert" in ack_text(body)
    refreshes = [c for c in bot.fake.calls_to("oauth.v2.access") if c.args.get("grant_type")]
    assert len(refreshes) == 1
    first, newest = bot.fake.workspaces.tokens_of("T5")
    assert bot.fake.calls_to("auth.test")[-1].token == newest != first
    assert bot.clients.store.find_team_installation("T5").bot_token == newest


def test_a_workspace_without_installation_gets_no_post(bot):
    with bot.db.session() as session:
        ensure_workspace(session, "T7", NOW, kpi_channel="C7KPI")
    bot.clock.current = datetime(2026, 11, 23, 8, 5, tzinfo=UTC)
    assert DigestScheduler(bot.deps, bot.clients, name="x").tick() == []
    with bot.db.session() as session:
        [digest] = session.scalars(select(Digest))
        assert (digest.status, digest.error) == ("failed", "not_installed")
    assert bot.fake.calls_to("chat.postMessage") == []


def single(**changes) -> BotConfig:
    config = BotConfig(bot_token="xoxb-1", signing_secret="s", app_token=None,
                       api_url="http://localhost/api/", database_url=None)
    return replace(config, **changes)


def test_startup_refuses_unclear_configurations(fake_slack, sqlite_url):
    distributed = replace(oauth_config(fake_slack, sqlite_url))
    assert startup_problem(single()) is None and startup_problem(distributed) is None
    assert "missing: SLACK_STATE_SECRET" in startup_problem(single(client_id="1", client_secret="2"))
    assert "not both" in startup_problem(replace(distributed, bot_token="xoxb-1"))
    assert "set NORTHSTAR_SECRET_KEY" in startup_problem(replace(distributed, secret_key=None))
    assert "key 1 is not a Fernet key" in startup_problem(replace(distributed, secret_key="x"))
    assert "SLACK_SIGNING_SECRET" in startup_problem(replace(distributed, signing_secret=None))
    assert startup_problem(replace(distributed, signing_secret=None, app_token="xapp-1")) is None


def test_run_without_a_secret_key_exits_with_the_reason(monkeypatch, caplog, sqlite_url):
    for name, value in {"SLACK_CLIENT_ID": "1", "SLACK_CLIENT_SECRET": "2", "SLACK_STATE_SECRET": "3",
                        "SLACK_SIGNING_SECRET": "4", "DATABASE_URL": sqlite_url}.items():
        monkeypatch.setenv(name, value)
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "NORTHSTAR_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    with caplog.at_level(logging.ERROR):
        assert main(["run", "--port", "0"]) == 2
    assert "NORTHSTAR_SECRET_KEY" in caplog.text and "Fernet.generate_key()" in caplog.text
