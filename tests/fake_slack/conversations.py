"""The messages the fake Slack keeps, and conversations.history / .replies over them."""

from __future__ import annotations

import base64
import contextlib
from collections import Counter
from decimal import Decimal, InvalidOperation

from tests.fake_slack.records import HISTORY_DEFAULT_LIMIT, HISTORY_MAX_LIMIT, Message


class Conversations:
    """The conversation half of `FakeSlack` (its lock, messages and uploaded files)."""

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
