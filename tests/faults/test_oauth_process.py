"""OAuth distribution in a real `northstar run` process (HTTP mode, gunicorn workers).

The process has no SLACK_BOT_TOKEN, only the OAuth settings; two workspaces install it through
`/slack/install` and `/slack/oauth_redirect` (the fake Slack answers `oauth.v2.access` with a
token of each team), the tokens are stored encrypted (not in the database file in the clear),
and each workspace's signed slash commands and events are answered, stored under that
workspace, and every Web API call they cause carries that workspace's own token.
"""

from __future__ import annotations

import copy
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select, text

from storage.db import Database
from storage.models import Entry, Workspace
from storage.secret_box import SecretBox
from tests.bot.helpers import ack_text
from tests.bot.oauth_helpers import (
    STATE_SECRET,
    UNAUTHENTICATED,
    cross_team_calls,
    install,
    open_install_page,
)
from tests.fake_slack import FakeSlack
from tests.fake_workspaces import CLIENT_ID, CLIENT_SECRET
from tests.faults.conftest import SIGNING_SECRET, Northstar
from tests.slack_requests import SlackClient, load_payload

pytestmark = pytest.mark.faults

NOW = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)
TEAMS = {"T1ALPHA": ("U1ALICE", "C1KPI"), "T2BETA": ("U2BOB", "C2KPI")}
SECRET_KEY = SecretBox.generate_key()


def oauth_env() -> dict[str, str | None]:
    return {"SLACK_BOT_TOKEN": None, "SLACK_CLIENT_ID": CLIENT_ID,
            "SLACK_CLIENT_SECRET": CLIENT_SECRET, "SLACK_STATE_SECRET": STATE_SECRET,
            "NORTHSTAR_SECRET_KEY": SECRET_KEY}


def owners() -> dict[str, str]:
    """Which workspace each user, channel and DM belongs to."""
    found = {}
    for team, (user, channel) in TEAMS.items():
        found.update({user: team, channel: team, f"D0{user[2:]}": team})
    return found


def home_opened(team: str, user: str) -> dict:
    payload = copy.deepcopy(load_payload("event_app_home_opened"))
    payload.update(team_id=team, event_id=f"Ev{team}HOME")
    payload["authorizations"][0]["team_id"] = team
    payload["event"].update(user=user, channel=f"D0{user[2:]}")
    return payload


def database_bytes(sqlite_url: str) -> bytes:
    """The database file with its journal files (a WAL may hold the newest pages)."""
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    return b"".join(candidate.read_bytes() for candidate in sorted(path.parent.glob(path.name + "*")))


@pytest.fixture
def fake():
    with FakeSlack(admins=tuple(user for user, _ in TEAMS.values())) as slack:
        yield slack


@pytest.fixture
def process(sqlite_url, fake, tmp_path):
    running = Northstar(tmp_path, fake.api_url, sqlite_url, oauth_env())
    running.start(NOW)
    yield running
    running.stop()


def test_a_northstar_process_installs_two_workspaces_and_serves_each_with_its_token(
        process, fake, sqlite_url):
    browser = SimpleNamespace(base_url=process.base_url, fake=fake)
    page, state = open_install_page(browser)  # the link's state is the cookie's
    assert 'alt="Add to Slack"' in page and state
    for team, (user, _) in TEAMS.items():
        status, answer = install(browser, team, user)
        assert status == 200, answer + process.log_tail()

    db = Database(sqlite_url)
    try:
        with db.engine.connect() as connection:
            stored = dict(connection.execute(text(
                "SELECT team_id, bot_token FROM slack_installations")).all())
        tokens = {team: fake.workspaces.tokens_of(team) for team in TEAMS}
        assert {team: len(found) for team, found in tokens.items()} == {team: 1 for team in TEAMS}
        box = SecretBox.from_setting(SECRET_KEY)
        assert {team: box.decrypt(stored[team]) for team in TEAMS} == {
            team: found[0] for team, found in tokens.items()}
        on_disk = database_bytes(sqlite_url)
        assert all(found[0].encode() not in on_disk and b"secretpart" not in on_disk
                   for found in tokens.values())

        slack = SlackClient(process.base_url, SIGNING_SECRET)
        for team, (user, channel) in TEAMS.items():
            def command(name: str, words: str, team=team, user=user, channel=channel):
                status, body, _ = slack.command(name, words, user_id=user, team_id=team,
                                                channel_id=channel)
                assert status == 200, body + process.log_tail()
                return ack_text(body)

            assert "✅" in command("/kpi", f"settings channel {channel}")  # users.info: admin?
            assert "Gespeichert" in command("/cost", f"49,90 tools Zapier {team}")
            status, body, _ = slack.event(home_opened(team, user))
            assert status == 200, body
        fake.wait_for("views.publish", len(TEAMS), timeout=20)

        with db.reader() as session:
            entries = Counter((entry.workspace_id, entry.description)
                              for entry in session.scalars(select(Entry)))
            channels = dict(session.execute(select(Workspace.id, Workspace.kpi_channel)).all())
    finally:
        db.dispose()
    assert entries == Counter({(team, f"Zapier {team}"): 1 for team in TEAMS})
    assert channels == {team: channel for team, (_, channel) in TEAMS.items()}

    made = [call for call in fake.calls if call.method not in UNAUTHENTICATED]
    assert {call.method for call in made} >= {"users.info", "views.publish"}
    assert cross_team_calls(fake, owners()) == []
    assert Counter(fake.workspaces.team_of(call.token) for call in made
                   if call.method == "views.publish") == Counter(dict.fromkeys(TEAMS, 1))
    assert fake.violations == [] and "Traceback" not in process.logs()
