"""Delivering nudges through Slack (conversations.open + chat.postMessage), and the job."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.clients import OneClient, TeamClients
from bot.surfaces.nudge import EVENT_TYPE, nudge_blocks, nudge_fallback, nudge_metadata
from bot.telemetry import count_nudge
from ritual.deps import Deps
from ritual.nudges import NudgeFailed, NudgeMessage, tick
from ritual.schedule import process_name

HISTORY_PAGE = 100


class SlackNudgeSender:
    """Sends nudges as direct messages, each with its workspace's own client."""

    def __init__(self, clients: TeamClients) -> None:
        self.clients = clients

    def _client(self, workspace_id: str) -> WebClient:
        """The workspace's client; any failure to get it (not installed, a refused token
        refresh, a token no key opens) is a NudgeFailed: nothing was sent, so a retry is safe."""
        try:
            return self.clients.for_team(workspace_id)
        except Exception as error:
            raise NudgeFailed(f"client: {type(error).__name__}: {error}") from error

    def _dm(self, message: NudgeMessage) -> tuple[WebClient, str]:
        client = self._client(message.workspace_id)
        return client, client.conversations_open(users=message.user_id)["channel"]["id"]

    def send(self, message: NudgeMessage) -> tuple[str, str]:
        try:
            sent = self._send(message)
        except Exception:
            count_nudge("failed")
            raise
        count_nudge("sent")
        return sent

    def _send(self, message: NudgeMessage) -> tuple[str, str]:
        try:
            client, channel = self._dm(message)
            response = client.chat_postMessage(
                channel=channel, text=nudge_fallback(message), blocks=nudge_blocks(message),
                metadata=nudge_metadata(message), unfurl_links=False)
        except SlackApiError as error:
            raise NudgeFailed(error.response.get("error") or str(error)) from error
        except OSError as error:  # the message may exist: a retry looks for it first
            raise NudgeFailed(f"network: {error!r}") from error
        return response.get("channel") or channel, response["ts"]

    def find(self, message: NudgeMessage) -> tuple[str, str] | None:
        """The nudge sent earlier into the person's DM, by its metadata."""
        wanted = nudge_metadata(message)["event_payload"]
        try:
            client, channel = self._dm(message)
            page = client.conversations_history(channel=channel, limit=HISTORY_PAGE,
                                                     include_all_metadata=True)
        except SlackApiError as error:
            raise NudgeFailed(error.response.get("error") or str(error)) from error
        except OSError as error:
            raise NudgeFailed(f"network: {error!r}") from error
        for found in page.get("messages") or []:
            metadata = found.get("metadata") or {}
            if metadata.get("event_type") == EVENT_TYPE and metadata.get("event_payload") == wanted:
                return channel, found["ts"]
        return None


class NudgeJob:
    """The scheduler's nudge job: one ritual.nudges tick through each workspace's client."""

    def __init__(self, deps: Deps, clients: TeamClients | WebClient, name: str | None = None) -> None:
        clients = OneClient(clients) if isinstance(clients, WebClient) else clients
        self.deps, self.sender = deps, SlackNudgeSender(clients)
        self.name = name or process_name()

    def tick(self) -> list[tuple[str, str]]:
        return tick(self.deps, self.sender, self.name)
