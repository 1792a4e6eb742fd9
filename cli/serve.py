"""`northstar run`: upgrade the database, then serve Slack (Socket Mode or HTTP)."""

from __future__ import annotations

import logging
import os
import threading
from datetime import UTC, datetime

from bot.app import build_app, run_socket_mode, slack_routes
from bot.digest.scheduler import DigestScheduler, start_background
from bot.process_config import BotConfig
from ritual.deps import Deps
from storage.clock import Clock, utc_now
from storage.db import Database
from web.ingest import INGEST_PATH, ingest_app
from web.server import make_http_server

log = logging.getLogger(__name__)


def clock_from_env() -> Clock:
    """The real clock, or (NORTHSTAR_FAKE_NOW, for fault tests) one that starts at that moment.

    NORTHSTAR_FAKE_NOW_AT (a Unix time) says when the fake clock read that moment, so that
    processes started one after another share one fake clock.
    """
    start = os.environ.get("NORTHSTAR_FAKE_NOW")
    if not start:
        return utc_now
    at = os.environ.get("NORTHSTAR_FAKE_NOW_AT")
    real = datetime.fromtimestamp(float(at), UTC) if at else utc_now()
    offset = datetime.fromisoformat(start).astimezone(UTC) - real
    return lambda: utc_now() + offset


def run(config: BotConfig, port: int, ingest_port: int) -> int:
    """Serve until interrupted; returns the exit code."""
    if not config.bot_token or (not config.app_token and not config.signing_secret):
        log.error("set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP mode) "
                  "or SLACK_APP_TOKEN (Socket Mode); see README")
        return 2
    db = Database(config.database_url)
    db.upgrade()
    deps = Deps(db=db, clock=clock_from_env())
    app = build_app(config, deps)
    background = start_background(DigestScheduler(deps, app.client))
    if config.app_token:
        ingest_server = make_http_server({INGEST_PATH: ingest_app(deps)}, ingest_port, host="0.0.0.0")
        threading.Thread(target=ingest_server.serve_forever, daemon=True).start()
        log.info("Socket Mode; ingestion API on port %s%s", ingest_port, INGEST_PATH)
        try:
            run_socket_mode(app, config.app_token)
        finally:
            background.shutdown(wait=False)
            ingest_server.shutdown()
        return 0
    server = make_http_server({**slack_routes(app), INGEST_PATH: ingest_app(deps)}, port,
                              host="0.0.0.0")
    log.info("HTTP mode on port %s (Slack at /slack/events)", port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        background.shutdown(wait=False)
    return 0
