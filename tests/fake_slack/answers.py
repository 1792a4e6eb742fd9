"""What the fake Slack answers to each Web API method (after its checks passed)."""

from __future__ import annotations

from tests.fake_slack.records import Message
from tests.fake_workspaces import DEFAULT_TEAM


class Answers:
    """The answering half of `FakeSlack`."""

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
        if method == "conversations.info":
            return {"ok": True, "channel": {"id": args["channel"], "name": args["channel"].lower(),
                                            "is_member": args["channel"] not in self.outside_channels}}
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
