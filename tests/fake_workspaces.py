"""The fake Slack's workspaces: which token belongs to which team, and Slack's OAuth v2.

`offer_install(team_id)` plays the part of a user approving the app on Slack's consent page:
it returns the `code` Slack would put on the redirect to `/slack/oauth_redirect`, and
`oauth.v2.access` exchanges that code (once, with the app's client id and secret) for a new bot
token of that team. With `rotating=True` the token expires (`expires_in`) and comes with a
refresh token, which `oauth.v2.access` with `grant_type=refresh_token` exchanges for a new pair.
"""

from __future__ import annotations

import base64
import itertools
import threading
from dataclasses import dataclass, field

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "fake-client-secret"
APP_ID = "A0NORTHSTAR"
DEFAULT_TEAM = "T0ACCEPT"


@dataclass
class Installable:
    team_id: str
    team_name: str
    installer: str
    rotating: bool
    expires_in: int


@dataclass
class Workspaces:
    """Tokens by team; OAuth codes and refresh tokens waiting to be exchanged."""

    tokens: dict[str, str] = field(default_factory=dict)
    codes: dict[str, Installable] = field(default_factory=dict)
    refresh_tokens: dict[str, Installable] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._serial = itertools.count(1)

    def add_token(self, token: str, team_id: str) -> None:
        with self._lock:
            self.tokens[token] = team_id

    def team_of(self, token: str | None) -> str | None:
        """The team a token belongs to (None: not a token Slack issued)."""
        with self._lock:
            return self.tokens.get(token or "")

    def tokens_of(self, team_id: str) -> list[str]:
        with self._lock:
            return [token for token, team in self.tokens.items() if team == team_id]

    def offer_install(self, team_id: str, team_name: str | None = None, installer: str = "U0OWNER",
                      rotating: bool = False, expires_in: int = 43_200) -> str:
        """The code of an approved installation, as Slack redirects with it."""
        code = f"code-{team_id}-{next(self._serial)}"
        with self._lock:
            self.codes[code] = Installable(team_id, team_name or f"Team {team_id}", installer,
                                           rotating, expires_in)
        return code

    def oauth_access(self, args: dict, authorization: str | None) -> dict:
        """oauth.v2.access: a code (or a refresh token) for a new token of its team."""
        client_id, client_secret = _client_credentials(args, authorization)
        if (client_id, client_secret) != (CLIENT_ID, CLIENT_SECRET):
            return {"ok": False, "error": "invalid_client_id" if client_id != CLIENT_ID
                    else "bad_client_secret"}
        with self._lock:
            if args.get("grant_type") == "refresh_token":
                install = self.refresh_tokens.pop(args.get("refresh_token") or "", None)
            else:
                install = self.codes.pop(args.get("code") or "", None)
        if install is None:
            return {"ok": False, "error": "invalid_grant" if args.get("grant_type")
                    else "invalid_code"}
        return self._grant(install)

    def _grant(self, install: Installable) -> dict:
        serial = next(self._serial)
        prefix = "xoxe.xoxb-1" if install.rotating else "xoxb"
        token = f"{prefix}-{install.team_id}-{serial:04d}-secretpart"
        self.add_token(token, install.team_id)
        answer = {"ok": True, "app_id": APP_ID, "access_token": token, "token_type": "bot",
                  "scope": "commands,chat:write", "bot_user_id": "U0BOT",
                  "team": {"id": install.team_id, "name": install.team_name}, "enterprise": None,
                  "is_enterprise_install": False,
                  "authed_user": {"id": install.installer, "scope": "", "token_type": None}}
        if install.rotating:
            refresh = f"xoxe-1-{install.team_id}-{serial:04d}-refresh"
            with self._lock:
                self.refresh_tokens[refresh] = install
            answer.update(refresh_token=refresh, expires_in=install.expires_in)
        return answer


def bearer(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer …` header."""
    if authorization and authorization.startswith("Bearer "):
        return authorization.removeprefix("Bearer ")
    return None


def _client_credentials(args: dict, authorization: str | None) -> tuple[str | None, str | None]:
    """The app's credentials: HTTP Basic (as slack_sdk sends them) or form fields."""
    if authorization and authorization.startswith("Basic "):
        decoded = base64.b64decode(authorization.removeprefix("Basic ")).decode()
        client_id, _, client_secret = decoded.partition(":")
        return client_id, client_secret
    return args.get("client_id"), args.get("client_secret")
