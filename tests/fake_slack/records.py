"""What the fake Slack keeps and its limits: calls, injected failures, messages."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

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
