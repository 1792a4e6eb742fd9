"""Links to posted digest messages: chat.getPermalink, cached in the process state (a permalink
never changes)."""

from __future__ import annotations

import logging

from cachetools import LRUCache
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from ritual.scorecard_grid import DigestRef

log = logging.getLogger(__name__)


def permalink(client: WebClient, digest: DigestRef, known: LRUCache[tuple[str, str], str]) -> str:
    """The digest message's permalink (`known`: those asked before); a link to its channel
    when Slack gives none."""
    key = (digest.channel, digest.ts)
    if key not in known:
        try:
            link = client.chat_getPermalink(channel=digest.channel, message_ts=digest.ts)
            if link.get("permalink"):
                known[key] = link["permalink"]
        except SlackApiError as error:
            log.warning("chat.getPermalink failed: %s", error.response.get("error"))
    return known.get(key, channel_link(digest.channel))


def channel_link(channel: str) -> str:
    """A link that opens a channel in Slack (when a message's permalink is not known)."""
    return f"https://slack.com/app_redirect?channel={channel}"


def digest_links(client: WebClient, digests: list[DigestRef],
                 known: LRUCache[tuple[str, str], str]) -> dict[str, str]:
    """Week → link, for every posted digest given."""
    return {str(digest.week): permalink(client, digest, known) for digest in digests}
