"""Distribution to many workspaces: Bolt's OAuth flow over the encrypted installation store.

Enabled by SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (and needs
NORTHSTAR_SECRET_KEY): `/slack/install` shows the Add to Slack button, `/slack/oauth_redirect`
stores the installation and creates the workspace. Without them, SLACK_BOT_TOKEN serves one
workspace exactly as before.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_bolt import App
from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk.oauth.token_rotation import TokenRotator

from bot.app import build_app
from bot.clients import InstalledClients, OneClient, TeamClients
from bot.installations import EncryptedInstallationStore, SignedStateStore
from bot.process_config import BotConfig
from bot.web_api import web_client
from ritual.deps import Deps
from ritual.workspaces import workspace_installed
from storage.secret_box import SecretBox, SecretKeyError

log = logging.getLogger(__name__)
BOT_SCOPES = ("commands", "chat:write", "chat:write.public", "files:write", "files:read",
              "users:read", "channels:history", "groups:history", "im:history", "im:write")
ROTATION_MINUTES = 120  # refresh rotating tokens this long before they expire (Bolt's default)
KEY_HINT = ("generate one with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'")


@dataclass(frozen=True)
class Installations:
    """What OAuth mode adds to the app: its settings, the per-request authorization, and the
    per-workspace clients of the background jobs."""

    store: EncryptedInstallationStore
    settings: OAuthSettings
    authorize: InstallationStoreAuthorize
    clients: InstalledClients


def startup_problem(config: BotConfig) -> str | None:
    """Why `northstar run` cannot start with this configuration, for the operator; or None."""
    given = config.oauth_settings_given
    if any(given.values()) and not all(given.values()):
        missing = ", ".join(name for name, present in given.items() if not present)
        return ("OAuth distribution needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and "
                f"SLACK_STATE_SECRET; missing: {missing}")
    if not config.oauth_enabled:
        if not config.bot_token or (not config.app_token and not config.signing_secret):
            return ("set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP mode) "
                    "or SLACK_APP_TOKEN (Socket Mode); see README")
        return None
    if config.bot_token:
        return ("set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET "
                "and SLACK_STATE_SECRET (many workspaces), not both")
    if not config.signing_secret and not config.app_token:
        return "OAuth distribution needs SLACK_SIGNING_SECRET (Basic Information → App Credentials)"
    return secret_key_problem(config.secret_key)


def secret_key_problem(value: str | None) -> str | None:
    """What is wrong with NORTHSTAR_SECRET_KEY, or None."""
    if not (value or "").strip():
        return ("OAuth distribution stores every workspace's bot token encrypted: set "
                f"NORTHSTAR_SECRET_KEY to a Fernet key ({KEY_HINT})")
    try:
        SecretBox.from_setting(value)
    except SecretKeyError as error:
        return (f"NORTHSTAR_SECRET_KEY: key {error.position} is not a Fernet key (32 url-safe "
                f"base64-encoded bytes; {KEY_HINT})")
    return None


def _callbacks(deps: Deps) -> CallbackOptions:
    def success(args: SuccessArgs) -> BoltResponse:
        installation = args.installation
        if installation.team_id:
            try:
                workspace_installed(deps, installation.team_id, installation.team_name)
            except Exception:  # the first command creates it anyway; the install stands
                log.exception("workspace %s installed, but its row was not created", installation.team_id)
        log.info("installed to workspace %s", installation.team_id)
        return args.default.success(args)

    def failure(args: FailureArgs) -> BoltResponse:
        log.warning("installation failed: %s", args.reason)
        return args.default.failure(args)

    return CallbackOptions(success=success, failure=failure)


def build_installations(config: BotConfig, deps: Deps) -> Installations:
    """The OAuth settings over slack_sdk's SQLAlchemy stores in our database (migration 0003)."""
    box = SecretBox.from_setting(config.secret_key)
    store = EncryptedInstallationStore(config.client_id, deps.db.engine, box,
                                       read_engine=deps.db.read_engine)
    client = web_client(config, token=None)
    settings = OAuthSettings(
        client_id=config.client_id, client_secret=config.client_secret, scopes=list(BOT_SCOPES),
        user_scopes=[], installation_store=store,
        state_store=SignedStateStore(deps.db.engine, config.state_secret),
        callback_options=_callbacks(deps), token_rotation_expiration_minutes=ROTATION_MINUTES)
    authorize = InstallationStoreAuthorize(
        logger=log, installation_store=store, client_id=config.client_id,
        client_secret=config.client_secret, token_rotation_expiration_minutes=ROTATION_MINUTES,
        cache_enabled=True, client=client)
    rotator = TokenRotator(client_id=config.client_id, client_secret=config.client_secret, client=client)
    return Installations(store, settings, authorize,
                         InstalledClients(config, store, rotator, ROTATION_MINUTES))


def team_clients(config: BotConfig, deps: Deps) -> TeamClients:
    """The clients for work outside a request (the command line's `digest --post`)."""
    if config.oauth_enabled:
        return build_installations(config, deps).clients
    return OneClient(web_client(config))


def build_bot(config: BotConfig, deps: Deps) -> tuple[App, TeamClients]:
    """The Bolt app and the clients its background jobs use, in the configured mode."""
    if not config.oauth_enabled:
        app = build_app(config, deps)
        return app, OneClient(app.client)
    installations = build_installations(config, deps)
    app = build_app(config, deps, oauth_settings=installations.settings,
                    authorize=installations.authorize)
    log.info("distributed: Add to Slack at %s, redirect %s", installations.settings.install_path,
             installations.settings.redirect_uri_path)
    return app, installations.clients
