"""Which token a call outside a request uses: the workspace's own.

In a request, Bolt's `client` already carries the token of the workspace the request came
from. Background work (the scheduler's digests and charts) asks a `TeamClients` for the
workspace it is about: in single-token mode that is the one client; with OAuth it is a client
with that workspace's installed bot token, refreshed first when token rotation is on.
"""

from __future__ import annotations

import logging
from typing import Protocol

from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.token_rotation import TokenRotator

from bot.installations import EncryptedInstallationStore
from bot.process_config import BotConfig
from bot.web_api import web_client

log = logging.getLogger(__name__)


class NotInstalled(LookupError):
    """The workspace has no installation (never installed, or uninstalled)."""

    def __init__(self, team_id: str) -> None:
        super().__init__(team_id)
        self.team_id = team_id


class TeamClients(Protocol):
    def for_team(self, team_id: str) -> WebClient: ...


class OneClient:
    """Single-token mode: every workspace (there is one) uses the same client."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def for_team(self, team_id: str) -> WebClient:
        return self.client


class InstalledClients:
    """OAuth mode: a client with the workspace's own bot token from the installation store."""

    def __init__(self, config: BotConfig, store: EncryptedInstallationStore,
                 rotator: TokenRotator | None = None, rotation_minutes: int = 120) -> None:
        self.config, self.store = config, store
        self.rotator, self.rotation_minutes = rotator, rotation_minutes

    def for_team(self, team_id: str) -> WebClient:
        """Raises NotInstalled when the workspace has no bot token."""
        installation = self.store.find_team_installation(team_id)
        if installation is None or not installation.bot_token:
            raise NotInstalled(team_id)
        installation = self._refreshed(installation)
        return web_client(self.config, token=installation.bot_token)

    def _refreshed(self, installation: Installation) -> Installation:
        """The installation with fresh tokens when rotation is on and they expire soon."""
        if self.rotator is None or not (installation.bot_refresh_token
                                        or installation.user_refresh_token):
            return installation
        refreshed = self.rotator.perform_token_rotation(
            installation=installation, minutes_before_expiration=self.rotation_minutes)
        if refreshed is None:
            return installation
        self.store.save(refreshed)
        log.info("refreshed the tokens of workspace %s", installation.team_id)
        return refreshed
