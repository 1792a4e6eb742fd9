"""`northstar run`: upgrade the database, then serve Slack (Socket Mode or HTTP)."""

from __future__ import annotations

import logging
import threading

from bot.app import build_app
from bot.config import BotConfig
from bot.ingest import INGEST_PATH, ingest_app
from bot.scheduler import DigestScheduler, start_background
from bot.server import make_http_server
from bot.services import Services
from storage.db import Database

log = logging.getLogger(__name__)


def run(config: BotConfig, port: int, ingest_port: int) -> int:
    """Serve until interrupted; returns the exit code."""
    if not config.bot_token or (not config.app_token and not config.signing_secret):
        log.error("set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP mode) "
                  "or SLACK_APP_TOKEN (Socket Mode); see README")
        return 2
    db = Database(config.database_url)
    db.upgrade()
    services = Services(db=db)
    app = build_app(config, services)
    background = start_background(DigestScheduler(services, app.client))
    if config.app_token:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        ingest_server = make_http_server(None, ingest_port, host="0.0.0.0",
                                         extra={INGEST_PATH: ingest_app(services)})
        threading.Thread(target=ingest_server.serve_forever, daemon=True).start()
        log.info("Socket Mode; ingestion API on port %s%s", ingest_port, INGEST_PATH)
        try:
            SocketModeHandler(app, config.app_token).start()
        finally:
            background.shutdown(wait=False)
            ingest_server.shutdown()
        return 0
    server = make_http_server(app, port, host="0.0.0.0",
                              extra={INGEST_PATH: ingest_app(services)})
    log.info("HTTP mode on port %s (Slack at /slack/events)", port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        background.shutdown(wait=False)
    return 0
