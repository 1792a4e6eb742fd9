"""The bot in OAuth mode on loopback: installs run through `/slack/install` and
`/slack/oauth_redirect` against the fake Slack, as a browser and Slack would run them."""

from __future__ import annotations

import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from bot.app import slack_routes
from bot.clients import TeamClients
from bot.oauth import build_bot
from bot.process_config import BotConfig
from ritual.deps import Deps
from storage.db import Database
from storage.secret_box import SecretBox
from tests.bot.conftest import SIGNING_SECRET, MovableClock
from tests.fake_slack import UPLOAD, FakeSlack
from tests.fake_workspaces import CLIENT_ID, CLIENT_SECRET
from tests.servers import FAST_SHUTDOWN
from tests.slack_requests import SlackClient
from web.ingest import INGEST_PATH, ingest_app
from web.server import make_http_server

STATE_SECRET = "test-state-secret"
SECRET_KEY = SecretBox.generate_key()
COOKIE = "slack-app-oauth-state"
UNAUTHENTICATED = ("oauth.v2.access", UPLOAD)  # client credentials; a pre-signed upload URL


def oauth_config(fake: FakeSlack, database_url: str, secret_key: str = SECRET_KEY) -> BotConfig:
    return BotConfig(bot_token=None, signing_secret=SIGNING_SECRET, app_token=None,
                     api_url=fake.api_url, database_url=database_url, client_id=CLIENT_ID,
                     client_secret=CLIENT_SECRET, state_secret=STATE_SECRET, secret_key=secret_key)


@dataclass
class OAuthBot:
    """The distributed bot: HTTP server, its background clients, the fake Slack, the clock."""

    base_url: str
    slack: SlackClient
    fake: FakeSlack
    db: Database
    deps: Deps
    clock: MovableClock
    clients: TeamClients
    server: object = field(repr=False)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.db.dispose()


def start_oauth_bot(database_url: str, fake: FakeSlack, clock: MovableClock) -> OAuthBot:
    db = Database(database_url)
    db.upgrade()
    deps = Deps(db=db, clock=clock)
    app, clients = build_bot(oauth_config(fake, database_url), deps)
    server = make_http_server({**slack_routes(app), INGEST_PATH: ingest_app(deps)}, 0)
    threading.Thread(target=server.serve_forever, kwargs=FAST_SHUTDOWN, daemon=True).start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    return OAuthBot(base_url, SlackClient(base_url, SIGNING_SECRET), fake, db, deps, clock,
                    clients, server)


def get(url: str, headers: dict | None = None) -> tuple[int, str, object]:
    """GET without following redirects: status, body and the (case-insensitive) headers."""
    request = urllib.request.Request(url, headers=headers or {})
    opener = urllib.request.build_opener(_NoRedirects())
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def open_install_page(bot: OAuthBot) -> tuple[str, str]:
    """GET /slack/install as a browser: the page, and the state of the Add to Slack link."""
    status, page, headers = get(f"{bot.base_url}/slack/install")
    assert status == 200, page
    cookie = SimpleCookie(headers["Set-Cookie"])[COOKIE].value
    link = re.search(r'href="(https://slack.com/oauth/v2/authorize\?[^"]+)"', page).group(1)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(link.replace("&amp;", "&")).query)
    assert query["state"] == [cookie] and query["client_id"] == [CLIENT_ID]
    return page, cookie


def install(bot: OAuthBot, team_id: str, installer: str, **offer) -> tuple[int, str]:
    """The whole flow: the install page, Slack's consent (the fake issues a code), the redirect."""
    _, state = open_install_page(bot)
    code = bot.fake.workspaces.offer_install(team_id, installer=installer, **offer)
    query = urllib.parse.urlencode({"code": code, "state": state})
    status, page, _ = get(f"{bot.base_url}/slack/oauth_redirect?{query}",
                          {"Cookie": f"{COOKIE}={state}"})
    return status, page


def wait_until(check, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.02)
    return check()


def owner_of_call(call, owners: dict[str, str]) -> str | None:
    """The team a call is about, by the channels, users and files it names."""
    found = set()
    for key in ("channel", "channel_id", "user", "user_id", "users", "file", "file_id"):
        value = call.args.get(key)
        if isinstance(value, str):
            found.update(owners[v] for v in value.split(",") if v in owners)
    assert len(found) <= 1, f"{call.method} names several workspaces: {call.args}"
    return found.pop() if found else None


def cross_team_calls(fake: FakeSlack, owners: dict[str, str]) -> list[str]:
    """Every call that carries no token Slack issued, or the token of another workspace."""
    wrong = []
    for call in fake.calls:
        if call.method in UNAUTHENTICATED:
            continue
        team = fake.workspaces.team_of(call.token)
        owner = owner_of_call(call, owners)
        if team is None or (owner is not None and owner != team):
            wrong.append(f"{call.method} {call.args} with a token of {team}")
    return wrong
