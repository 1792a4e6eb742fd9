"""Sending a digest through Slack: the message with its metadata, finding it again, its charts."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.digest.blocks import digest_blocks, fallback_text
from bot.digest.charts import render_charts
from bot.home_link import app_home_url
from ritual.digest_data import DigestData
from ritual.digest_posting import SendFailed
from texts.format import label

log = logging.getLogger(__name__)
CHART_TITLES = {"money": "revenue", "error_rate": "error_rate_per_100"}
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

    def _uploaded(self, channel: str, ts: str) -> set[str]:
        """Names of files already in the digest's thread (so a retry uploads none twice)."""
        replies = self.client.conversations_replies(channel=channel, ts=ts, limit=HISTORY_PAGE)
        return {file.get("name") for message in replies.get("messages") or []
                for file in message.get("files") or []}

    def upload_charts(self, data: DigestData, channel: str, ts: str, retry: bool) -> None:
        """Render and upload the charts into the digest's thread; raises on any failure."""
        charts = render_charts(data)
        done = self._uploaded(channel, ts) if retry else set()
        uploads = [{"content": png, "filename": f"{data.week}-{name}.png",
                    "title": label(CHART_TITLES.get(name, data.workspace.north_star), data.lang)}
                   for name, png in charts.items() if f"{data.week}-{name}.png" not in done]
        if uploads:
            self.client.files_upload_v2(channel=channel, thread_ts=ts, file_uploads=uploads)
