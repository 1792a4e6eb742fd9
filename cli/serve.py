"""`northstar run`: upgrade the database, then serve Slack (Socket Mode or HTTP)."""

from __future__ import annotations

import logging
import os
import threading
from datetime import UTC, datetime

from bot.app import oauth_routes, run_socket_mode, slack_routes
from bot.digest.scheduler import DigestScheduler, start_background
from bot.oauth import build_bot, startup_problem
from bot.process_config import BotConfig
from ritual.deps import Deps
from storage.clock import Clock, utc_now
from storage.db import Database
from web.ingest import INGEST_PATH, ingest_app
from web.server import make_http_server

log = logging.getLogger(__name__)


def clock_from_env() -> Clock:
    """The real clock, or (NORTHSTAR_FAKE_NOW, for fault tests) one that starts at that moment."""
    start = os.environ.get("NORTHSTAR_FAKE_NOW")
    if not start:
        return utc_now
    offset = datetime.fromisoformat(start).astimezone(UTC) - utc_now()
    return lambda: utc_now() + offset


def run(config: BotConfig, port: int, ingest_port: int) -> int:
    """Serve until interrupted; returns the exit code."""
    problem = startup_problem(config)
    if problem:
        log.error(problem)
        return 2
    db = Database(config.database_url)
    db.upgrade()
    deps = Deps(db=db, clock=clock_from_env())
    app, clients = build_bot(config, deps)
    background = start_background(DigestScheduler(deps, clients))
    if config.app_token:
        ingest_server = make_http_server({INGEST_PATH: ingest_app(deps), **oauth_routes(app)},
                                         ingest_port, host="0.0.0.0")
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
