"""Three workspaces install the app through OAuth; each is served with its own token only, and
each gets its own digest at 09:00 in its own time zone."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from bot.digest.scheduler import DigestScheduler
from storage.models import Digest, Workspace
from storage.secret_box import SecretBox
from tests.bot.conftest import MovableClock
from tests.bot.helpers import ack_text
from tests.bot.oauth_helpers import (
    SECRET_KEY,
    cross_team_calls,
    install,
    start_oauth_bot,
    wait_until,
)
from tests.fake_slack import FakeSlack
from tests.slack_requests import load_payload

# team: (time zone, admin, KPI channel); 09:00 on Monday 23 Nov 2026 is 00:00, 08:00 and
# 14:00 UTC in Tokyo, Berlin and New York
TEAMS = {
    "T1BERLIN": ("Europe/Berlin", "U1ALICE", "C1KPI"),
    "T2NEWYORK": ("America/New_York", "U2BOB", "C2KPI"),
    "T3TOKYO": ("Asia/Tokyo", "U3CHO", "C3KPI"),
}
FRIDAY = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)


def owners() -> dict[str, str]:
    """Which workspace each channel, user, DM and file belongs to."""
    found = {}
    for team, (_, user, channel) in TEAMS.items():
        found.update({user: team, channel: team, f"D0{user[2:]}": team, f"F{team}": team})
    return found


@pytest.fixture
def fake():
    with FakeSlack(admins=tuple(user for _, user, _ in TEAMS.values())) as slack:
        yield slack


@pytest.fixture
def bot(database_url, fake):
    running = start_oauth_bot(database_url, fake, MovableClock(FRIDAY))
    yield running
    running.stop()


def event(name: str, team: str, user: str, event_id: str) -> dict:
    payload = copy.deepcopy(load_payload(name))
    payload.update(team_id=team, event_id=event_id)
    payload["authorizations"][0]["team_id"] = team
    payload["event"].update(user=user, channel=f"D0{user[2:]}")
    return payload


def csv_share(bot, team: str, user: str) -> dict:
    payload = event("event_file_share_dm", team, user, f"Ev{team}FILE")
    url = bot.fake.host_file(f"F{team}", b"date;kind;name;amount\n20.11.2026;metric;orders;12\n",
                             team_id=team)
    payload["event"]["files"][0].update(id=f"F{team}", name="zahlen.csv", url_private=url,
                                        url_private_download=url, user=user, user_team=team)
    return payload


def use_the_bot(bot, team: str, zone: str, user: str, channel: str, done: int) -> None:
    """Settings (users.info), a cost, App Home, a CSV from a DM (a file download) and an
    export into the DMs, all as this workspace's admin."""
    def command(name: str, words: str, **extra):
        return bot.slack.command(name, words, user_id=user, team_id=team, channel_id=channel, **extra)

    for words in (f"settings channel {channel}", f"settings timezone {zone}"):
        _, body, _ = command("/kpi", words)
        assert "✅" in ack_text(body), ack_text(body)
    _, body, _ = command("/cost", "49,90 tools Zapier")
    assert "Gespeichert" in ack_text(body)
    bot.slack.event(event("event_app_home_opened", team, user, f"Ev{team}HOME"))
    bot.slack.event(csv_share(bot, team, user))
    command("/kpi", "export", response_url=bot.fake.response_url(team))
    bot.fake.wait_for("views.publish", done)
    bot.fake.wait_for("chat.postMessage", done)  # the CSV preview in the DM
    assert wait_until(lambda: len(bot.fake.uploaded_files) >= done)


def test_three_workspaces_each_only_with_its_own_token(bot):
    for team, (_, user, _) in TEAMS.items():
        status, page = install(bot, team, user)
        assert status == 200, page
    with bot.db.session() as session:
        assert {w.id: w.name for w in session.query(Workspace)} == {
            team: f"Team {team}" for team in TEAMS}
    with bot.db.engine.connect() as connection:
        stored = dict(connection.execute(text(
            "SELECT team_id, bot_token FROM slack_installations")).all())
    for team in TEAMS:
        [token] = bot.fake.workspaces.tokens_of(team)
        assert stored[team] != token and team not in stored[team]
        assert SecretBox.from_setting(SECRET_KEY).decrypt(stored[team]) == token

    for done, (team, (zone, user, channel)) in enumerate(TEAMS.items(), start=1):
        use_the_bot(bot, team, zone, user, channel, done)

    scheduler = DigestScheduler(bot.deps, bot.clients, name="one")
    posted_when = {}
    for moment in ("2026-11-22T23:58", "2026-11-23T00:01", "2026-11-23T07:59", "2026-11-23T08:01",
                   "2026-11-23T13:59", "2026-11-23T14:01", "2026-11-23T18:00"):
        bot.clock.current = datetime.fromisoformat(moment).replace(tzinfo=UTC)
        for team in scheduler.tick():
            posted_when[team] = moment
    assert posted_when == {"T3TOKYO": "2026-11-23T00:01", "T1BERLIN": "2026-11-23T08:01",
                           "T2NEWYORK": "2026-11-23T14:01"}
    with bot.db.session() as session:
        digests = {d.workspace_id: d for d in session.query(Digest)}
    assert {team: (d.week, d.status, d.charts_status) for team, d in digests.items()} == {
        team: ("2026-W47", "posted", "done") for team in TEAMS}
    for team, (_, _, channel) in TEAMS.items():
        [message] = bot.fake.messages_in(channel)
        assert message.ts == digests[team].ts
        assert bot.fake.files_in_thread(channel, message.ts)

    assert cross_team_calls(bot.fake, owners()) == []
    assert bot.fake.violations == []
    for team in TEAMS:
        methods = {call.method for call in bot.fake.calls
                   if bot.fake.workspaces.team_of(call.token) == team}
        assert {"auth.test", "users.info", "views.publish", "file_download", "conversations.open",
                "chat.postMessage", "files.completeUploadExternal"} <= methods, team
    assert not any(call.token == bot.fake.bot_token for call in bot.fake.calls)
