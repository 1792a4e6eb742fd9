"""A local fake of the Slack Web API: records calls, checks them like Slack, fails on demand.

It keeps the messages it was sent (`chat.postMessage`) and answers `conversations.history` and
`conversations.replies` from them, like Slack; completed file uploads appear in their thread.

Failures are per method, for the next call(s), and behave like Slack and the network:
- `fail_next`: HTTP 200 with `{"ok": false, "error": …}` (Slack refused; nothing done);
- `http_error_next`: HTTP 500 (or another status) with an HTML body;
- `rate_limit_next`: HTTP 429 with `Retry-After`;
- `reset_next`: the connection is reset (RST) without an answer;
- `timeout_next`: the request is held longer than the client waits, then dropped;
- `hang_next`: held until `release()` (or a bound), for killing the client meanwhile;
- `delay_next`: the work done at once, the answer sent only after a delay (a slow Slack).
Each takes `after=True` for a fault that happens after Slack did the work (the message is
stored, the file completed), e.g. `reset_after_next("chat.postMessage")`. The raw upload URL
that `files.getUploadURLExternal` hands out (the second step of `files_upload_v2`) is the
pseudo-method `UPLOAD`.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import socket
import struct
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from tests.fake_workspaces import DEFAULT_TEAM, Workspaces, bearer

MESSAGE_BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100
TEXT_LIMIT = 40_000
REQUIRED = {
    "chat.postMessage": ("channel",),
    "chat.postEphemeral": ("channel", "user"),
    "chat.update": ("channel", "ts"),
    "chat.delete": ("channel", "ts"),
    "views.open": ("trigger_id", "view"),
    "views.update": ("view",),
    "views.push": ("trigger_id", "view"),
    "views.publish": ("user_id", "view"),
    "users.info": ("user",),
    "conversations.open": ("users",),
    "files.getUploadURLExternal": ("filename", "length"),
    "files.completeUploadExternal": ("files",),
    "files.info": ("file",),
    "conversations.history": ("channel",),
    "conversations.replies": ("channel", "ts"),
}
UPLOAD = "upload"  # the raw upload URL of files_upload_v2, as a method name for faults
FILE_DOWNLOAD = "file_download"  # a private file fetched from its url_private, as a method name
FAULTS = ("http_500", "rate_limited", "reset", "timeout")
TIMEOUT_HOLD = 35.0  # longer than slack_sdk's default client timeout (30 s)
MAX_HOLD = 300.0  # no request is held longer than this, whatever a test asks
HISTORY_DEFAULT_LIMIT = 100
HISTORY_MAX_LIMIT = 999
BOT_USER, BOT_ID = "U0BOT", "B0BOT"


@dataclass
class Call:
    method: str
    args: dict
    token: str | None
    at: float = field(default_factory=time.time)  # when it arrived (Unix time)
    authorization: str | None = None  # the raw Authorization header of the request


@dataclass
class Failure:
    method: str
    error: str
    times: int
    status: int = 200
    retry_after: int | None = None
    mode: str = "answer"  # answer (with status/error) | reset | hold (timeout, hang)
    after: bool = False  # Slack did the work, then the fault happened
    hold: float = 0.0
    kind: str = "error"  # for reports: error, http_500, rate_limited, reset, timeout, hang


@dataclass
class Message:
    """A message Slack stored: top-level when `thread_ts` is None, else a thread reply."""

    channel: str
    ts: str
    text: str | None
    blocks: list | None = None
    metadata: dict | None = None
    thread_ts: str | None = None
    files: list[dict] = field(default_factory=list)
    user: str = BOT_USER

    def as_slack(self, with_metadata: bool, replies: int = 0) -> dict:
        """The message as conversations.history / .replies return it."""
        message = {"type": "message", "user": self.user, "bot_id": BOT_ID, "text": self.text or "",
                   "ts": self.ts}
        if self.blocks:
            message["blocks"] = self.blocks
        if self.thread_ts:
            message["thread_ts"] = self.thread_ts
        elif replies:
            message.update(thread_ts=self.ts, reply_count=replies)
        if self.files:
            message["files"] = [dict(f) for f in self.files]
        if with_metadata and self.metadata:
            message["metadata"] = self.metadata
        return message


@dataclass
class FakeSlack:
    """Start with `with FakeSlack() as fake:`; point SLACK_API_URL at `fake.api_url`."""

    bot_token: str = "xoxb-test"
    app_token: str = "xapp-test"
    socket_mode_url: str | None = None  # what apps.connections.open answers (Socket Mode)
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
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
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

    # Messages, as Slack keeps them

    def messages_in(self, channel: str, top_level: bool = True) -> list[Message]:
        """The channel's messages, oldest first; top-level only unless asked."""
        with self._lock:
            return [m for m in self.messages
                    if m.channel == channel and (not top_level or m.thread_ts is None)]

    def thread(self, channel: str, ts: str) -> list[Message]:
        """The replies in a message's thread, oldest first."""
        with self._lock:
            return [m for m in self.messages if m.channel == channel and m.thread_ts == ts]

    def posts_per_channel(self) -> Counter:
        """How many top-level messages each channel got (thread replies not counted)."""
        with self._lock:
            return Counter(m.channel for m in self.messages if m.thread_ts is None)

    def files_in_thread(self, channel: str, ts: str) -> list[dict]:
        """Every file completed into a message's thread (a chart twice is there twice)."""
        with self._lock:
            return [f for f in self.uploaded_files
                    if f["channel_id"] == channel and f["thread_ts"] == ts]

    def files_per_thread(self) -> Counter:
        """How many files were completed into each (channel, thread ts)."""
        with self._lock:
            return Counter((f["channel_id"], f["thread_ts"]) for f in self.uploaded_files)

    # Failures

    def fail_next(self, method: str, error: str = "channel_not_found", times: int = 1) -> None:
        self._failures.append(Failure(method, error, times))

    def rate_limit_next(self, method: str, retry_after: int = 1, times: int = 1,
                        after: bool = False) -> None:
        self._failures.append(Failure(method, "ratelimited", times, 429, retry_after,
                                      after=after, kind="rate_limited"))

    def http_error_next(self, method: str, status: int = 500, times: int = 1,
                        after: bool = False) -> None:
        """An HTTP error status with an HTML body, as a load balancer in front of Slack sends."""
        self._failures.append(Failure(method, "internal_error", times, status, after=after,
                                      kind=f"http_{status}"))

    def reset_next(self, method: str, times: int = 1, after: bool = False) -> None:
        """Reset the connection (TCP RST) instead of answering."""
        self._failures.append(Failure(method, "reset", times, mode="reset", after=after,
                                      kind="reset"))

    def reset_after_next(self, method: str, times: int = 1) -> None:
        """Slack does the work (stores the message, completes the file), then the reset."""
        self.reset_next(method, times, after=True)

    def timeout_next(self, method: str, seconds: float = TIMEOUT_HOLD, times: int = 1,
                     after: bool = False) -> None:
        """Hold the request for `seconds` (make it longer than the client's timeout), then
        drop the connection without an answer."""
        self._failures.append(Failure(method, "timeout", times, mode="hold", after=after,
                                      hold=min(seconds, MAX_HOLD), kind="timeout"))

    def hang_next(self, method: str, times: int = 1, after: bool = False,
                  seconds: float = MAX_HOLD) -> None:
        """Hold the request until `release()` (at most `seconds`), then drop it."""
        self._failures.append(Failure(method, "hang", times, mode="hold", after=after,
                                      hold=min(seconds, MAX_HOLD), kind="hang"))

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Slack does the work at once but answers only after `seconds` (or on `release()`)."""
        self._failures.append(Failure(method, "slow", times, mode="delay", after=True,
                                      hold=min(seconds, MAX_HOLD), kind="slow"))

    def inject(self, method: str, fault: str, times: int = 1, after: bool = False,
               timeout_hold: float = TIMEOUT_HOLD, retry_after: int = 1) -> None:
        """One of FAULTS (http_500, rate_limited, reset, timeout) by name."""
        if fault == "http_500":
            self.http_error_next(method, 500, times, after)
        elif fault == "rate_limited":
            self.rate_limit_next(method, retry_after, times, after)
        elif fault == "reset":
            self.reset_next(method, times, after)
        elif fault == "timeout":
            self.timeout_next(method, timeout_hold, times, after)
        else:
            raise ValueError(f"unknown fault {fault!r}; one of {FAULTS}")

    def pending_failures(self, method: str | None = None) -> int:
        """Injected failures not yet triggered."""
        with self._lock:
            return sum(f.times for f in self._failures if method in (None, f.method))

    def clear_failures(self) -> None:
        with self._lock:
            self._failures.clear()

    def held(self) -> list[str]:
        """The methods of the requests held right now (timeout, hang)."""
        with self._lock:
            return list(self._held)

    def wait_held(self, method: str, timeout: float = 30.0) -> None:
        """Block until a request to `method` is being held."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if method in self.held():
                return
            time.sleep(0.01)
        raise AssertionError(f"no {method} request held within {timeout} s (held: {self.held()})")

    def release(self) -> None:
        """Let every held request go (each is then dropped without an answer)."""
        with self._lock:
            holds, self._holds = self._holds, []
        for hold in holds:
            hold.set()

    def _take_failure(self, method: str) -> Failure | None:
        with self._lock:
            for failure in self._failures:
                if failure.method == method and failure.times > 0:
                    failure.times -= 1
                    self.injected.append((method, failure.kind, failure.after))
                    return failure
        return None

    def _fault(self, request: BaseHTTPRequestHandler, failure: Failure, method: str,
               answer: dict | None = None) -> None:
        """Answer (or not) as the failure says."""
        if failure.mode in ("hold", "delay"):
            release = threading.Event()
            with self._lock:
                self._holds.append(release)
                self._held.append(method)
            try:
                release.wait(failure.hold)
            finally:
                with self._lock:
                    self._held.remove(method)
                    with contextlib.suppress(ValueError):
                        self._holds.remove(release)
            if failure.mode == "delay":  # slow, but answered
                if method == UPLOAD:
                    return self._reply(request, 200, {}, text="OK")
                return self._reply(request, 200, answer or {"ok": True})
            return self._reset(request)
        if failure.mode == "reset":
            return self._reset(request)
        headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
        if failure.status >= 500:
            return self._reply(request, failure.status, {}, headers,
                               text="<html><body><h1>500 Internal Server Error</h1></body></html>",
                               content_type="text/html")
        if method == UPLOAD:
            return self._reply(request, failure.status, {}, headers, text=failure.error)
        return self._reply(request, failure.status, {"ok": False, "error": failure.error}, headers)

    @staticmethod
    def _reset(request: BaseHTTPRequestHandler) -> None:
        """Close the connection with a TCP reset and without a byte of answer."""
        request.close_connection = True
        with contextlib.suppress(OSError):
            request.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                          struct.pack("ii", 1, 0))
        with contextlib.suppress(OSError):
            request.rfile.close()
        with contextlib.suppress(OSError):
            request.connection.close()

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
        args = self._args(parsed.query, body, request.headers.get("Content-Type", ""))
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
        problem = self._check(method, args)
        if problem:
            with self._lock:
                self.violations.append(f"{method}: {problem}")
            return self._reply(request, 200, {"ok": False, "error": problem.split(":")[0]})
        answer = self._answer(method, args, token)
        if failure:
            return self._fault(request, failure, method, answer)
        return self._reply(request, 200, answer)

    @staticmethod
    def _args(query: str, body: bytes, content_type: str) -> dict:
        args = dict(urllib.parse.parse_qsl(query))
        if body and "application/json" in content_type:
            args.update(json.loads(body))
        elif body:
            args.update(urllib.parse.parse_qsl(body.decode()))
        for key in ("blocks", "view", "files", "attachments", "metadata"):
            if isinstance(args.get(key), str):
                with contextlib.suppress(json.JSONDecodeError):
                    args[key] = json.loads(args[key])
        return args

    def _check(self, method: str, args: dict) -> str | None:
        """Slack's own checks, or what would make Slack render nothing useful."""
        for name in REQUIRED.get(method, ()):
            if args.get(name) in (None, ""):
                return f"invalid_arguments: {name} missing"
        if method.startswith("chat.post") and not (args.get("text") or args.get("blocks")):
            return "invalid_arguments: text or blocks required"
        if len(str(args.get("text") or "")) > TEXT_LIMIT:
            return "msg_too_long"
        if "metadata" in args:
            problem = self._check_metadata(args["metadata"])
            if problem:
                return problem
        if "blocks" in args:
            problem = self._check_blocks(args["blocks"], MESSAGE_BLOCK_LIMIT)
            if problem:
                return problem
        if "view" in args:
            view = args["view"]
            problem = self._check_blocks(view.get("blocks", []), VIEW_BLOCK_LIMIT)
            if problem:
                return problem
            try:
                View(**view).validate_json()
            except Exception as error:  # noqa: BLE001 - any model error is a violation
                return f"invalid_arguments: view: {error}"
        return None

    @staticmethod
    def _check_metadata(metadata) -> str | None:
        """Slack's message metadata: an event_type and an event_payload object."""
        if not isinstance(metadata, dict):
            return "invalid_metadata_format: not an object"
        event_type = metadata.get("event_type")
        if not isinstance(event_type, str) or not event_type:
            return "invalid_metadata_format: event_type missing"
        if not isinstance(metadata.get("event_payload"), dict):
            return "invalid_metadata_format: event_payload must be an object"
        if len(json.dumps(metadata)) > 8_000:
            return "metadata_too_large"
        return None

    @staticmethod
    def _check_blocks(blocks, limit: int) -> str | None:
        if not isinstance(blocks, list):
            return "invalid_blocks: not a list"
        if len(blocks) > limit:
            return f"invalid_blocks: {len(blocks)} blocks, at most {limit}"
        for block in blocks:
            try:
                parsed = Block.parse(block)
                if parsed is None:
                    return f"invalid_blocks: unknown block {block.get('type')}"
                parsed.validate_json()
                parsed.to_dict()
            except Exception as error:  # noqa: BLE001 - any model error is a violation
                return f"invalid_blocks: {error}"
        return None

    def _next_ts(self) -> str:
        return f"1700000000.{next(self._ts):06d}"

    def _answer(self, method: str, args: dict, token: str | None = None) -> dict:
        if method == "apps.connections.open":
            if not self.socket_mode_url:
                return {"ok": False, "error": "not_allowed_token_type"}
            return {"ok": True, "url": self.socket_mode_url}
        if method == "auth.test":
            team = self.workspaces.team_of(token) or DEFAULT_TEAM
            return {"ok": True, "user_id": "U0BOT", "bot_id": "B0BOT", "team_id": team,
                    "team": "Test", "user": "northstar", "url": "https://test.slack.com/"}
        if method == "chat.postMessage":
            message = Message(channel=args["channel"], ts=self._next_ts(), text=args.get("text"),
                              blocks=args.get("blocks"), metadata=args.get("metadata"),
                              thread_ts=args.get("thread_ts") or None)
            with self._lock:
                self.messages.append(message)
            return {"ok": True, "channel": message.channel, "ts": message.ts,
                    "message": message.as_slack(with_metadata=True)}
        if method == "chat.update":
            with self._lock:
                for message in self.messages:
                    if message.channel == args["channel"] and message.ts == args["ts"]:
                        message.text = args.get("text", message.text)
                        message.blocks = args.get("blocks", message.blocks)
            return {"ok": True, "channel": args.get("channel"), "ts": args.get("ts"),
                    "message": {"text": args.get("text")}}
        if method == "chat.delete":
            with self._lock:
                self.messages = [m for m in self.messages
                                 if not (m.channel == args["channel"] and m.ts == args["ts"])]
            return {"ok": True, "channel": args["channel"], "ts": args["ts"]}
        if method == "conversations.history":
            return self._history(args)
        if method == "conversations.replies":
            return self._replies(args)
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._next_ts()}
        if method in ("views.open", "views.update", "views.push", "views.publish"):
            return {"ok": True, "view": {"id": "V0FAKE", **(args.get("view") or {})}}
        if method == "users.info":
            user = args["user"]
            return {"ok": True, "user": {"id": user, "is_admin": user in self.admins,
                                         "is_owner": False, "tz": "Europe/Berlin",
                                         "locale": "de-DE"}}
        if method == "bots.info":
            return {"ok": True, "bot": {"id": args.get("bot"), "app_id": "A0NORTH"}}
        if method == "chat.getPermalink":
            ts = args["message_ts"].replace(".", "")
            return {"ok": True, "channel": args["channel"],
                    "permalink": f"https://test.slack.com/archives/{args['channel']}/p{ts}"}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D0" + str(args["users"]).split(",")[0][2:]}}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts):08d}"
            with self._lock:
                self._uploads[file_id] = {"filename": args["filename"]}
            return {"ok": True, "upload_url": f"{self.base}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            with self._lock:
                shared = []
                for item in args["files"]:
                    upload = self._uploads.get(item["id"], {})
                    self.uploaded_files.append({
                        "id": item["id"], "title": item.get("title"),
                        "filename": upload.get("filename"), "content": upload.get("content"),
                        "channel_id": args.get("channel_id"), "thread_ts": args.get("thread_ts"),
                        "initial_comment": args.get("initial_comment"),
                    })
                    shared.append({"id": item["id"], "name": upload.get("filename"),
                                   "title": item.get("title") or upload.get("filename")})
                if args.get("channel_id") and shared:
                    self.messages.append(Message(
                        channel=args["channel_id"], ts=self._next_ts(),
                        text=args.get("initial_comment") or "", files=shared,
                        thread_ts=args.get("thread_ts") or None))
            return {"ok": True, "files": [{"id": f["id"]} for f in args["files"]]}
        if method == "files.info":
            return {"ok": True, "file": {"id": args["file"], "name": f"{args['file']}.csv",
                                         "url_private_download": f"{self.base}/files/{args['file']}"}}
        return {"ok": True}

    def _history(self, args: dict) -> dict:
        """conversations.history: top-level messages, newest first, between oldest and latest."""
        try:
            limit = int(args.get("limit") or HISTORY_DEFAULT_LIMIT)
            oldest = Decimal(str(args.get("oldest") or "0"))
            latest = Decimal(str(args["latest"])) if args.get("latest") else None
        except (ValueError, InvalidOperation):
            return {"ok": False, "error": "invalid_arguments"}
        limit = max(1, min(limit, HISTORY_MAX_LIMIT))
        inclusive = _truthy(args.get("inclusive"))
        with_metadata = _truthy(args.get("include_all_metadata"))
        with self._lock:
            replies = Counter(m.thread_ts for m in self.messages
                              if m.channel == args["channel"] and m.thread_ts)
            found = []
            for message in self.messages:
                if message.channel != args["channel"] or message.thread_ts is not None:
                    continue
                ts = Decimal(message.ts)
                if ts < oldest or (ts == oldest and not inclusive and "oldest" in args):
                    continue
                if latest is not None and (ts > latest or (ts == latest and not inclusive)):
                    continue
                found.append(message.as_slack(with_metadata, replies[message.ts]))
        found.sort(key=lambda message: Decimal(message["ts"]), reverse=True)
        start = _cursor_offset(args.get("cursor"))
        page, more = found[start:start + limit], len(found) > start + limit
        return {"ok": True, "messages": page, "has_more": more, "pin_count": 0,
                "response_metadata": {"next_cursor": _cursor(start + limit) if more else ""}}

    def _replies(self, args: dict) -> dict:
        """conversations.replies: the parent, then its replies oldest first."""
        with_metadata = _truthy(args.get("include_all_metadata"))
        with self._lock:
            parent = next((m for m in self.messages
                           if m.channel == args["channel"] and m.ts == args["ts"]), None)
            if parent is None:
                return {"ok": False, "error": "thread_not_found"}
            replies = [m for m in self.messages
                       if m.channel == args["channel"] and m.thread_ts == parent.ts]
            found = [parent.as_slack(with_metadata, len(replies))]
            found += [m.as_slack(with_metadata) for m in replies]
        limit = max(1, min(int(args.get("limit") or 1000), 1000))
        start = _cursor_offset(args.get("cursor"))
        page, more = found[start:start + limit], len(found) > start + limit
        return {"ok": True, "messages": page, "has_more": more,
                "response_metadata": {"next_cursor": _cursor(start + limit) if more else ""}}

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


def _truthy(value) -> bool:
    return value is True or str(value).lower() in ("1", "true")


def _cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def _cursor_offset(cursor) -> int:
    if not cursor:
        return 0
    with contextlib.suppress(ValueError, UnicodeDecodeError):
        return int(base64.b64decode(cursor).decode().removeprefix("offset:"))
    return 0
