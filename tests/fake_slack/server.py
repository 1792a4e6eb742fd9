"""The fake Slack's HTTP server: routes each request, records it, answers or fails."""

from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.fake_slack.answers import Answers
from tests.fake_slack.checks import args_of, violation
from tests.fake_slack.conversations import Conversations
from tests.fake_slack.faults import FaultInjection
from tests.fake_slack.records import FILE_DOWNLOAD, UPLOAD, Call, Failure, Message
from tests.fake_workspaces import DEFAULT_TEAM, Workspaces, bearer
from tests.servers import FAST_SHUTDOWN


@dataclass
class FakeSlack(FaultInjection, Conversations, Answers):
    """Start with `with FakeSlack() as fake:`; point SLACK_API_URL at `fake.api_url`."""

    bot_token: str = "xoxb-test"
    app_token: str = "xapp-test"
    socket_mode_url: str | None = None  # what apps.connections.open answers (Socket Mode)
    scopes: tuple[str, ...] | None = None  # auth.test's granted scopes (None: all the app asks for)
    outside_channels: set[str] = field(default_factory=set)  # conversations.info: is_member false
    admins: tuple[str, ...] = ("U0OWNER",)
    calls: list[Call] = field(default_factory=list)
    responses: list[dict] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    uploaded_files: list[dict] = field(default_factory=list)
    hosted_files: dict[str, bytes] = field(default_factory=dict)

    messages: list[Message] = field(default_factory=list)
    injected: list[tuple[str, str, bool]] = field(default_factory=list)
    workspaces: Workspaces = field(default_factory=Workspaces)
    file_teams: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.workspaces.add_token(self.bot_token, DEFAULT_TEAM)
        self._failures: list[Failure] = []
        self._lock = threading.Lock()
        self._ts = itertools.count(100)
        self._uploads: dict[str, dict] = {}
        self._server: ThreadingHTTPServer | None = None
        self._holds: list[threading.Event] = []
        self._held: list[str] = []

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> FakeSlack:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                fake._handle(self)

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                fake._handle(self)

            def log_message(self, *args) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, kwargs=FAST_SHUTDOWN, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release()
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    def response_url(self, name: str = "default") -> str:
        return f"{self.base}/response/{name}"

    def host_file(self, file_id: str, content: bytes, team_id: str = DEFAULT_TEAM) -> str:
        """Serve a private file of a team (as files.slack.com would) and return its URL; only
        a token of that team may download it."""
        self.hosted_files[file_id] = content
        self.file_teams[file_id] = team_id
        return f"{self.base}/files/{file_id}"

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def top_level_posts(self) -> list[Call]:
        """chat.postMessage calls that started a conversation (digests), not thread replies."""
        return [call for call in self.calls_to("chat.postMessage") if not call.args.get("thread_ts")]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """The calls to a method, once there are `count` (work done after the ack)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.calls_to(method)
            if len(found) >= count:
                return found
            time.sleep(0.01)
        raise AssertionError(f"{method} called {len(self.calls_to(method))} times, not {count}")

    def wait_for_response(self, count: int = 1, timeout: float = 5.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.responses) >= count:
                    return list(self.responses)
            time.sleep(0.01)
        raise AssertionError(f"{len(self.responses)} response_url posts, not {count}")

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parsed = urllib.parse.urlparse(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        if parsed.path.startswith("/response/"):
            with self._lock:
                self.responses.append(json.loads(body or b"{}"))
            return self._reply(request, 200, {"ok": True})
        if parsed.path.startswith("/upload/"):
            file_id = parsed.path.rsplit("/", 1)[1]
            with self._lock:
                self.calls.append(Call(UPLOAD, {"file_id": file_id, "length": len(body)}, None))
            failure = self._take_failure(UPLOAD)
            if failure and not failure.after:
                return self._fault(request, failure, UPLOAD)
            with self._lock:
                self._uploads.setdefault(file_id, {})["content"] = body
            if failure:
                return self._fault(request, failure, UPLOAD)
            return self._reply(request, 200, {"ok": True}, text=f"OK - {len(body)}")
        if parsed.path.startswith("/files/"):
            file_id = parsed.path.rsplit("/", 1)[1]
            authorization = request.headers.get("Authorization")
            with self._lock:
                self.calls.append(Call(FILE_DOWNLOAD, {"file_id": file_id}, bearer(authorization),
                                       authorization=authorization))
            content = self.hosted_files.get(file_id)
            team = self.workspaces.team_of(bearer(authorization))
            if content is None or team is None or team != self.file_teams.get(file_id):
                return self._reply(request, 404, {"ok": False})
            request.send_response(200)
            request.send_header("Content-Type", "text/csv")
            request.send_header("Content-Length", str(len(content)))
            request.end_headers()
            request.wfile.write(content)
            return None
        method = parsed.path.removeprefix("/api/")
        args = args_of(parsed.query, body, request.headers.get("Content-Type", ""))
        authorization = request.headers.get("Authorization")
        token = bearer(authorization) or args.pop("token", None)
        with self._lock:
            self.calls.append(Call(method, args, token, authorization=authorization))
        failure = self._take_failure(method)
        if failure and not failure.after:
            return self._fault(request, failure, method)
        if method == "oauth.v2.access":
            return self._reply(request, 200, self.workspaces.oauth_access(args, authorization))
        if (token != self.app_token if method == "apps.connections.open"
                else self.workspaces.team_of(token) is None):
            return self._reply(request, 200, {"ok": False, "error": "invalid_auth"})
        problem = violation(method, args)
        if problem:
            with self._lock:
                self.violations.append(f"{method}: {problem}")
            return self._reply(request, 200, {"ok": False, "error": problem.split(":")[0]})
        answer = self._answer(method, args, token)
        if failure:
            return self._fault(request, failure, method, answer)
        return self._reply(request, 200, answer, headers=self._scopes() if method == "auth.test" else None)

    def _scopes(self) -> dict[str, str]:
        """Slack names a token's scopes in a header of its answers."""
        from bot.oauth import BOT_SCOPES

        return {"x-oauth-scopes": ",".join(BOT_SCOPES if self.scopes is None else self.scopes)}

    @staticmethod
    def _reply(request: BaseHTTPRequestHandler, status: int, payload: dict,
               headers: dict | None = None, text: str | None = None,
               content_type: str | None = None) -> None:
        data = (text if text is not None else json.dumps(payload)).encode()
        request.send_response(status)
        request.send_header("Content-Type", content_type or (
            "application/json" if text is None else "text/plain"))
        request.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            request.send_header(key, value)
        request.end_headers()
        request.wfile.write(data)
