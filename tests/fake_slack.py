"""A local fake of the Slack Web API: records calls, checks them like Slack, fails on demand."""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

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
}


@dataclass
class Call:
    method: str
    args: dict
    token: str | None


@dataclass
class Failure:
    method: str
    error: str
    times: int
    status: int = 200
    retry_after: int | None = None


@dataclass
class FakeSlack:
    """Start with `with FakeSlack() as fake:`; point SLACK_API_URL at `fake.api_url`."""

    bot_token: str = "xoxb-test"
    admins: tuple[str, ...] = ("U0OWNER",)
    calls: list[Call] = field(default_factory=list)
    responses: list[dict] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    uploaded_files: list[dict] = field(default_factory=list)
    hosted_files: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._failures: list[Failure] = []
        self._lock = threading.Lock()
        self._ts = itertools.count(100)
        self._uploads: dict[str, dict] = {}
        self._server: ThreadingHTTPServer | None = None

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

    def host_file(self, file_id: str, content: bytes) -> str:
        """Serve a private file (as files.slack.com would) and return its URL."""
        self.hosted_files[file_id] = content
        return f"{self.base}/files/{file_id}"

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

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

    def fail_next(self, method: str, error: str = "channel_not_found", times: int = 1) -> None:
        self._failures.append(Failure(method, error, times))

    def rate_limit_next(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        self._failures.append(Failure(method, "ratelimited", times, 429, retry_after))

    def _take_failure(self, method: str) -> Failure | None:
        with self._lock:
            for failure in self._failures:
                if failure.method == method and failure.times > 0:
                    failure.times -= 1
                    return failure
        return None

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
                self._uploads.setdefault(file_id, {})["content"] = body
            return self._reply(request, 200, {"ok": True}, text="OK - 1")
        if parsed.path.startswith("/files/"):
            content = self.hosted_files.get(parsed.path.rsplit("/", 1)[1])
            if content is None or request.headers.get("Authorization") != f"Bearer {self.bot_token}":
                return self._reply(request, 404, {"ok": False})
            request.send_response(200)
            request.send_header("Content-Type", "text/csv")
            request.send_header("Content-Length", str(len(content)))
            request.end_headers()
            request.wfile.write(content)
            return None
        method = parsed.path.removeprefix("/api/")
        args = self._args(parsed.query, body, request.headers.get("Content-Type", ""))
        token = (request.headers.get("Authorization") or "").removeprefix("Bearer ") or args.pop(
            "token", None)
        with self._lock:
            self.calls.append(Call(method, args, token))
        failure = self._take_failure(method)
        if failure:
            headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
            return self._reply(request, failure.status, {"ok": False, "error": failure.error},
                               headers)
        if token != self.bot_token:
            return self._reply(request, 200, {"ok": False, "error": "invalid_auth"})
        problem = self._check(method, args)
        if problem:
            with self._lock:
                self.violations.append(f"{method}: {problem}")
            return self._reply(request, 200, {"ok": False, "error": problem.split(":")[0]})
        return self._reply(request, 200, self._answer(method, args))

    @staticmethod
    def _args(query: str, body: bytes, content_type: str) -> dict:
        args = dict(urllib.parse.parse_qsl(query))
        if body and "application/json" in content_type:
            args.update(json.loads(body))
        elif body:
            args.update(urllib.parse.parse_qsl(body.decode()))
        for key in ("blocks", "view", "files", "attachments"):
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

    def _answer(self, method: str, args: dict) -> dict:
        if method == "auth.test":
            return {"ok": True, "user_id": "U0BOT", "bot_id": "B0BOT", "team_id": "T0ACCEPT",
                    "team": "Test", "user": "northstar", "url": "https://test.slack.com/"}
        if method in ("chat.postMessage", "chat.update"):
            return {"ok": True, "channel": args.get("channel"),
                    "ts": args.get("ts") or self._next_ts(), "message": {"text": args.get("text")}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._next_ts()}
        if method in ("views.open", "views.update", "views.push", "views.publish"):
            return {"ok": True, "view": {"id": "V0FAKE", **(args.get("view") or {})}}
        if method == "users.info":
            user = args["user"]
            return {"ok": True, "user": {"id": user, "is_admin": user in self.admins,
                                         "is_owner": False, "tz": "Europe/Berlin",
                                         "locale": "de-DE"}}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D0" + str(args["users"]).split(",")[0][2:]}}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts):08d}"
            with self._lock:
                self._uploads[file_id] = {"filename": args["filename"]}
            return {"ok": True, "upload_url": f"{self.base}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            with self._lock:
                for item in args["files"]:
                    upload = self._uploads.get(item["id"], {})
                    self.uploaded_files.append({
                        "id": item["id"], "title": item.get("title"),
                        "filename": upload.get("filename"), "content": upload.get("content"),
                        "channel_id": args.get("channel_id"), "thread_ts": args.get("thread_ts"),
                        "initial_comment": args.get("initial_comment"),
                    })
            return {"ok": True, "files": [{"id": f["id"]} for f in args["files"]]}
        if method == "files.info":
            return {"ok": True, "file": {"id": args["file"], "name": f"{args['file']}.csv",
                                         "url_private_download": f"{self.base}/files/{args['file']}"}}
        return {"ok": True}

    @staticmethod
    def _reply(request: BaseHTTPRequestHandler, status: int, payload: dict,
               headers: dict | None = None, text: str | None = None) -> None:
        data = (text if text is not None else json.dumps(payload)).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json" if text is None else "text/plain")
        request.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            request.send_header(key, value)
        request.end_headers()
        request.wfile.write(data)
