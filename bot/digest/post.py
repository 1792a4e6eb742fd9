"""Sending a digest through Slack: the message with its metadata, finding it again, its charts."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.clients import NotInstalled, TeamClients
from bot.digest.blocks import digest_blocks, fallback_text
from bot.digest.charts import (
    chart_title,
    render_charts,
    render_cohort_chart,
    render_experiment_charts,
)
from bot.digest.thread import THREAD_EVENT_TYPE, thread_blocks, thread_fallback
from bot.home_link import app_home_url
from bot.telemetry import count_chart_upload, count_digest
from ritual.digest_data import DigestData
from ritual.digest_posting import SendFailed

log = logging.getLogger(__name__)
EVENT_TYPE = "northstar_digest"
HISTORY_PAGE = 200


def digest_metadata(workspace_id: str, week: str) -> dict:
    """Slack message metadata that names the digest, so a retry can find the message."""
    return {"event_type": EVENT_TYPE, "event_payload": {"workspace": workspace_id, "week": week}}


class SlackSender:
    """Posts digests with one workspace's client."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def send(self, data: DigestData, channel: str) -> tuple[str, str]:
        """Post the digest message; its channel id and ts."""
        data.home_url = data.home_url or app_home_url(self.client, data.workspace.id)
        try:
            response = self.client.chat_postMessage(
                channel=channel, text=fallback_text(data), blocks=digest_blocks(data),
                unfurl_links=False, metadata=digest_metadata(data.workspace.id, str(data.week)))
        except SlackApiError as error:
            raise SendFailed(error.response.get("error") or str(error)) from error
        except OSError as error:  # reset, timeout: the message may exist; a retry looks first
            raise SendFailed(f"network: {error!r}") from error
        return response.get("channel") or channel, response["ts"]

    def find(self, channel: str, workspace_id: str, week: str) -> tuple[str, str] | None:
        """A message of this digest posted earlier in the channel, by its metadata."""
        wanted = digest_metadata(workspace_id, week)
        cursor = None
        for _ in range(5):
            page = self.client.conversations_history(channel=channel, limit=HISTORY_PAGE,
                                                     include_all_metadata=True, cursor=cursor)
            for message in page.get("messages") or []:
                if message.get("metadata") == wanted or (
                        (message.get("metadata") or {}).get("event_type") == EVENT_TYPE
                        and message["metadata"].get("event_payload") == wanted["event_payload"]):
                    return channel, message["ts"]
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None
        return None

    def _thread(self, channel: str, ts: str) -> list[dict]:
        replies = self.client.conversations_replies(channel=channel, ts=ts, limit=HISTORY_PAGE,
                                                    include_all_metadata=True)
        return replies.get("messages") or []

    def post_thread(self, data: DigestData, channel: str, ts: str, retry: bool) -> None:
        """The details reply, then the charts, into the digest's thread; a retry skips what is there."""
        messages = self._thread(channel, ts) if retry else []
        posted = any((m.get("metadata") or {}).get("event_type") == THREAD_EVENT_TYPE
                     for m in messages)
        if not posted:
            self.client.chat_postMessage(
                channel=channel, thread_ts=ts, text=thread_fallback(data), blocks=thread_blocks(data),
                unfurl_links=False, metadata={"event_type": THREAD_EVENT_TYPE, "event_payload": {
                    "workspace": data.workspace.id, "week": str(data.week)}})
        done = {file.get("name") for message in messages for file in message.get("files") or []}
        charts = {**render_charts(data), **render_experiment_charts(data),
                  **render_cohort_chart(data)}
        uploads = [{"content": png, "filename": f"{data.week}-{name}.png",
                    "title": chart_title(name, data)}
                   for name, png in charts.items() if f"{data.week}-{name}.png" not in done]
        if uploads:
            self.client.files_upload_v2(channel=channel, thread_ts=ts, file_uploads=uploads)


class TeamSender:
    """Posts each workspace's digest with that workspace's own client (its own token)."""

    def __init__(self, clients: TeamClients) -> None:
        self.clients = clients

    def _sender(self, workspace_id: str) -> SlackSender:
        try:
            return SlackSender(self.clients.for_team(workspace_id))
        except NotInstalled as error:
            raise SendFailed("not_installed") from error

    def send(self, data: DigestData, channel: str) -> tuple[str, str]:
        return self._sender(data.workspace.id).send(data, channel)

    def find(self, channel: str, workspace_id: str, week: str) -> tuple[str, str] | None:
        """Asked only before a digest's second or later attempt: counted as a retry."""
        count_digest("retried")
        return self._sender(workspace_id).find(channel, workspace_id, week)

    def post_thread(self, data: DigestData, channel: str, ts: str, retry: bool) -> None:
        try:
            self._sender(data.workspace.id).post_thread(data, channel, ts, retry)
        except Exception:
            count_chart_upload("failed")
            raise
        count_chart_upload("uploaded")
