"""Posting a digest to Slack: the message, then its charts into the thread."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.digest.blocks import digest_blocks, fallback_text
from bot.digest.charts import render_charts
from ritual.digest_data import DigestData
from ritual.digest_posting import SendFailed
from texts.format import label

log = logging.getLogger(__name__)
CHART_TITLES = {"money": "revenue", "error_rate": "error_rate_per_100"}


def send_digest(client: WebClient, data: DigestData, channel: str) -> tuple[str, str]:
    """Post the digest; returns its channel id and ts. Chart upload problems never stop the text digest."""
    try:
        response = client.chat_postMessage(channel=channel, text=fallback_text(data),
                                           blocks=digest_blocks(data), unfurl_links=False)
    except SlackApiError as error:
        raise SendFailed(error.response.get("error") or str(error)) from error
    ts = response["ts"]
    channel_id = response.get("channel") or channel
    charts = render_charts(data)
    if charts:
        try:
            client.files_upload_v2(
                channel=channel_id, thread_ts=ts,
                file_uploads=[
                    {"content": png, "filename": f"{data.week}-{name}.png",
                     "title": label(CHART_TITLES.get(name, data.workspace.north_star), data.lang)}
                    for name, png in charts.items()
                ],
            )
        except SlackApiError as error:
            log.error("chart upload failed (%s); the digest is posted without charts",
                      error.response.get("error"))
    return channel_id, ts
