"""Sending correctly signed requests to the Bolt app, as Slack does."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PAYLOADS = Path(__file__).resolve().parent / "payloads"
Response = tuple[int, str, dict]


def load_payload(name: str) -> dict:
    """A Slack payload from tests/payloads/<name>.json (hand-written from Slack's docs)."""
    return json.loads((PAYLOADS / f"{name}.json").read_text())


def signature(body: bytes, secret: str, timestamp: int) -> str:
    base = f"v0:{timestamp}:{body.decode()}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def sign(body: bytes, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """Slack's v0 signature headers for a body."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {"X-Slack-Request-Timestamp": str(timestamp),
            "X-Slack-Signature": signature(body, secret, timestamp)}


class SlackClient:
    """Posts to the app's /slack/events like Slack: slash commands, interactivity, events."""

    def __init__(self, base_url: str, signing_secret: str) -> None:
        self.url = f"{base_url}/slack/events"
        self.secret = signing_secret

    def _post(self, body: bytes, content_type: str, headers: dict[str, str]) -> Response:
        request = urllib.request.Request(self.url, data=body, headers={
            "Content-Type": content_type, **headers})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), dict(error.headers)

    def _signed(self, body: bytes, content_type: str, extra: dict | None = None) -> Response:
        return self._post(body, content_type, {**sign(body, self.secret), **(extra or {})})

    @staticmethod
    def command_body(command: str, text: str, user_id: str = "U0OWNER",
                     team_id: str = "T0ACCEPT", channel_id: str = "C0KPI",
                     response_url: str | None = None) -> bytes:
        fields = load_payload("slash_command")
        fields.update(command=command, text=text, user_id=user_id, team_id=team_id,
                      channel_id=channel_id)
        if response_url:
            fields["response_url"] = response_url
        return urllib.parse.urlencode(fields).encode()

    def command(self, command: str, text: str, **fields) -> Response:
        return self._signed(self.command_body(command, text, **fields),
                            "application/x-www-form-urlencoded")

    def unsigned(self, command: str, text: str) -> Response:
        return self._post(self.command_body(command, text), "application/x-www-form-urlencoded",
                          {})

    def bad_signature(self, command: str, text: str) -> Response:
        body = self.command_body(command, text)
        headers = sign(body, "not-the-secret")
        return self._post(body, "application/x-www-form-urlencoded", headers)

    def interactive(self, payload: dict) -> Response:
        body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
        return self._signed(body, "application/x-www-form-urlencoded")

    action = view_submission = shortcut = interactive

    def event(self, payload: dict, retry_num: int | None = None) -> Response:
        extra = {} if retry_num is None else {"X-Slack-Retry-Num": str(retry_num),
                                              "X-Slack-Retry-Reason": "http_timeout"}
        return self._signed(json.dumps(payload).encode(), "application/json", extra)
