"""`app_uninstalled` and `tokens_revoked` as Slack sends them (signed), and what stops then."""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator

import pytest

from bot.app import build_app, slack_routes
from bot.process_config import BotConfig
from ritual.deps import Deps
from ritual.workspaces import workspace_installed
from storage.db import Database
from storage.models import Workspace
from storage.workspaces import rotate_ingest_token
from tests.bot.conftest import BOT_TOKEN, SIGNING_SECRET, RunningBot, start_bot
from tests.bot.helpers import entry_count, view_submission_payload
from tests.bot.test_ingest import ORDER, post
from tests.ritual.lifecycle_seed import seed_workspace
from tests.servers import FAST_SHUTDOWN
from tests.slack_requests import SlackClient, load_payload
from web.ingest import INGEST_PATH, ingest_app
from web.server import make_http_server

TEAM = "T0ACCEPT"


@pytest.fixture
def bot(database_url, fake_slack, clock) -> Iterator[RunningBot]:
    """The Bolt app answering only after its listener ran (process_before_response), so a test
    can look at the database as soon as the answer is in."""
    db = Database(database_url)
    deps = Deps(db=db, clock=clock)
    config = BotConfig(bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET, app_token=None,
                       api_url=fake_slack.api_url, database_url=database_url)
    app = build_app(config, deps, process_before_response=True)
    server = make_http_server({**slack_routes(app), INGEST_PATH: ingest_app(deps)}, 0)
    threading.Thread(target=server.serve_forever, kwargs=FAST_SHUTDOWN, daemon=True).start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    with db.session() as session:
        seed_workspace(session, TEAM, clock())
        seed_workspace(session, "T0OTHER", clock())
    yield RunningBot(SlackClient(base_url, SIGNING_SECRET), fake_slack, db, deps, clock, base_url)
    server.shutdown()
    server.server_close()
    db.dispose()


def event(name: str, event_id: str | None = None, **changes) -> dict:
    payload = copy.deepcopy(load_payload(name))
    payload["event"].update(changes)
    if event_id:
        payload["event_id"] = event_id
    return payload


def workspace(bot, team: str = TEAM) -> Workspace:
    with bot.db.reader() as session:
        return session.get(Workspace, team)


def token(bot, team: str = TEAM) -> str:
    with bot.db.session() as session:
        return rotate_ingest_token(session, session.get(Workspace, team))


def at(bot, seconds: float, name: str, event_id: str, **changes) -> dict:
    """The event as Slack sends it, happened `seconds` after (or before) the bot's clock."""
    payload = event(name, event_id, **changes)
    payload["event_time"] = int(bot.clock().timestamp() + seconds)
    return payload


@pytest.mark.postgres  # smoke test on both databases
def test_app_uninstalled_stops_ingestion_with_410_and_keeps_the_data(bot):
    secret = token(bot)
    assert post(bot, {"events": [ORDER]}, secret)[0] == 200
    stored = entry_count(bot.db)
    assert bot.slack.event(event("event_app_uninstalled"))[0] == 200
    stopped = workspace(bot)
    assert (stopped.uninstalled_at, stopped.uninstall_reason) == (bot.clock(), "app_uninstalled")
    status, answer = post(bot, {"events": [dict(ORDER, external_id="order-2")]}, secret)
    assert status == 410
    assert answer["code"] == "workspace_uninstalled" and "Reinstall" in answer["error"]
    assert entry_count(bot.db) == stored
    assert workspace(bot, "T0OTHER").uninstalled_at is None
    assert post(bot, {"events": [ORDER]}, token(bot, "T0OTHER"))[0] == 200


def test_slack_retries_and_a_second_stop_keep_the_first_time(bot):
    bot.slack.event(event("event_app_uninstalled"))
    first = workspace(bot).uninstalled_at
    bot.clock.advance(minutes=5)
    assert bot.slack.event(event("event_app_uninstalled"), retry_num=1)[0] == 200
    assert bot.slack.event(event("event_tokens_revoked"))[0] == 200
    stopped = workspace(bot)
    assert (stopped.uninstalled_at, stopped.uninstall_reason) == (first, "app_uninstalled")


def test_a_revoked_bot_token_stops_it_revoked_user_tokens_alone_do_not(bot):
    users_only = event("event_tokens_revoked", "Ev0NSUSERS1", tokens={"oauth": ["U0OWNER"]})
    assert bot.slack.event(users_only)[0] == 200
    assert workspace(bot).uninstalled_at is None
    assert bot.slack.event(event("event_tokens_revoked"))[0] == 200
    assert workspace(bot).uninstall_reason == "tokens_revoked"


@pytest.mark.postgres  # smoke test on both databases
def test_a_command_from_the_team_brings_it_back_with_all_its_data(bot):
    secret = token(bot)
    stored = entry_count(bot.db)
    bot.slack.event(event("event_app_uninstalled"))
    bot.clock.advance(days=12)
    status, _, _ = bot.slack.command("/kpi", "help")
    assert status == 200
    assert workspace(bot).uninstalled_at is None and workspace(bot).uninstall_reason is None
    assert entry_count(bot.db) == stored
    assert post(bot, {"events": [ORDER]}, secret)[0] == 200


def test_no_app_home_while_uninstalled_and_a_fresh_visit_reinstates(bot):
    bot.slack.event(event("event_app_uninstalled"))
    retried = event("event_app_home_opened", "Ev0NSHOMEOLD")
    assert bot.slack.event(retried, retry_num=2)[0] == 200
    assert bot.fake.calls_to("views.publish") == []
    assert workspace(bot).uninstalled_at is not None
    assert bot.slack.event(at(bot, 1, "event_app_home_opened", "Ev0NSHOMENEW"))[0] == 200
    assert workspace(bot).uninstalled_at is None
    assert len(bot.fake.calls_to("views.publish")) == 1


def test_a_dropped_retry_is_answered_200_when_the_listener_runs_after_the_ack(
        database_url, fake_slack, clock):
    running, server = start_bot(database_url, fake_slack, clock)
    try:
        with running.db.session() as session:
            seed_workspace(session, TEAM, clock())
        assert running.slack.event(event("event_app_uninstalled"))[0] == 200
        assert running.slack.event(event("event_app_uninstalled"), retry_num=1)[0] == 200
    finally:
        server.shutdown()
        server.server_close()
        running.db.dispose()


def test_admins_set_retention_days_by_command_and_in_the_form(bot):
    _, body, _ = bot.slack.command("/kpi", "settings retention_days 60", user_id="U0OTHER")
    assert workspace(bot).retention_days == 30
    _, body, _ = bot.slack.command("/kpi", "settings retention_days 60")
    assert "(`retention_days`): 60" in body and workspace(bot).retention_days == 60
    _, body, _ = bot.slack.command("/kpi", "settings retention_days forever")
    assert "0 bis 3650" in body and workspace(bot).retention_days == 60
    bot.slack.command("/kpi", "settings")
    [opened] = bot.fake.wait_for("views.open")
    [block] = [b for b in opened.args["view"]["blocks"] if b["block_id"] == "retention_days"]
    assert block["element"]["initial_value"] == "60" and bot.fake.violations == []
    fields = {"retention_days": {"type": "plain_text_input", "value": "14"}}
    status, _, _ = bot.slack.view_submission(view_submission_payload("settings_modal", fields))
    assert status == 200 and workspace(bot).retention_days == 14


def test_a_late_uninstall_from_before_a_reinstall_is_ignored(bot):
    assert bot.slack.event(at(bot, -5, "event_app_uninstalled", "Ev0GONE1"))[0] == 200
    assert workspace(bot).uninstalled_at is not None
    bot.clock.advance(minutes=10)
    assert bot.slack.event(at(bot, 0, "event_app_home_opened", "Ev0BACK1"))[0] == 200  # reinstalled
    assert workspace(bot).uninstalled_at is None
    bot.clock.advance(minutes=1)
    # delivered late (first attempt, no retry header), or sent again under a new id:
    # both happened before the reinstall
    assert bot.slack.event(at(bot, -300, "event_app_uninstalled", "Ev0LATE1"))[0] == 200
    assert bot.slack.event(at(bot, -300, "event_tokens_revoked", "Ev0LATE2"))[0] == 200
    assert workspace(bot).uninstalled_at is None
    assert bot.slack.event(at(bot, 5, "event_app_uninstalled", "Ev0GONE2"))[0] == 200  # a new one
    assert workspace(bot).uninstall_reason == "app_uninstalled"


def test_an_event_from_before_the_uninstall_does_not_bring_it_back(bot):
    assert bot.slack.event(at(bot, 0, "event_app_uninstalled", "Ev0GONE1"))[0] == 200
    bot.clock.advance(seconds=30)
    assert bot.slack.event(at(bot, -40, "event_app_home_opened", "Ev0OLDHOME"))[0] == 200
    assert workspace(bot).uninstalled_at is not None and bot.fake.calls_to("views.publish") == []
    assert bot.slack.event(at(bot, 0, "event_app_home_opened", "Ev0NEWHOME"))[0] == 200
    assert workspace(bot).uninstalled_at is None


def test_an_oauth_reinstall_is_the_mark_a_late_uninstall_is_compared_with(bot):
    bot.slack.event(at(bot, 0, "event_app_uninstalled", "Ev0GONE1"))
    bot.clock.advance(minutes=10)
    workspace_installed(bot.deps, TEAM, "Acme")
    assert workspace(bot).uninstalled_at is None
    assert bot.slack.event(at(bot, -60, "event_app_uninstalled", "Ev0LATE1"))[0] == 200
    assert workspace(bot).uninstalled_at is None
