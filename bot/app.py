"""Building the Bolt app: its Web API client, middleware and listeners."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_bolt.authorization.authorize import Authorize
from slack_bolt.oauth.oauth_settings import OAuthSettings

from bot.listeners import register_listeners
from bot.middleware import DropRetriedEvents, ReinstateReturningTeams
from bot.process_config import BotConfig
from bot.prompt_ack import AckWaitingExecutor, signalling_ack
from bot.web_api import SafeConnectionRetries, web_client
from ritual.deps import Deps

__all__ = ["SafeConnectionRetries", "build_app", "oauth_routes", "slack_routes", "web_client"]
log = logging.getLogger(__name__)


def build_app(config: BotConfig, deps: Deps, *, process_before_response: bool = False,
              oauth_settings: OAuthSettings | None = None, authorize: Authorize | None = None) -> App:
    """The Bolt app with every listener registered; with OAuth settings, for many workspaces
    (each request authorized with its workspace's installation), else with SLACK_BOT_TOKEN."""
    app = App(
        signing_secret=config.signing_secret,
        client=web_client(config, token=None if oauth_settings else config.bot_token),
        process_before_response=process_before_response,
        listener_executor=AckWaitingExecutor(),
        oauth_settings=oauth_settings,
        authorize=authorize,
    )
    app.middleware(signalling_ack)
    app.middleware(DropRetriedEvents(deps))
    app.middleware(ReinstateReturningTeams(deps))
    register_listeners(app, deps)
    return app


SLACK_PATH = "/slack/events"


def slack_routes(app: App) -> dict:
    """Bolt's WSGI endpoint at Slack's events path (commands, interactivity and events), and
    the install and OAuth redirect pages when the app is distributed."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    return {SLACK_PATH: SlackRequestHandler(app), **oauth_routes(app)}


def oauth_routes(app: App) -> dict:
    """`/slack/install` (the Add to Slack button) and `/slack/oauth_redirect`, if distributed."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    flow = app.oauth_flow
    if flow is None:
        return {}
    handler = SlackRequestHandler(app)
    return {flow.install_path: handler, flow.redirect_uri_path: handler}


def run_socket_mode(app: App, app_token: str) -> None:
    """Serve Slack over Socket Mode until interrupted (no public URL needed)."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    SocketModeHandler(app, app_token).start()
