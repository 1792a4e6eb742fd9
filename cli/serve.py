"""`northstar run`: upgrade the database, then serve Slack (Socket Mode, or HTTP on gunicorn)."""

from __future__ import annotations

import functools
import logging
import os
import threading
from datetime import UTC, datetime

from bot.app import SLACK_PATH, oauth_routes, run_socket_mode, slack_routes
from bot.digest.scheduler import DigestScheduler, start_background
from bot.oauth import build_bot, startup_problem
from bot.process_config import BotConfig
from bot.startup_checks import slack_problem, token_mix_up
from ritual.deps import Deps
from storage.checkpoints import WalCheckpointer
from storage.clock import Clock, utc_now
from storage.db import Database
from web.ingest import INGEST_PATH, ingest_app
from web.production import DEFAULT_WORKERS, ProductionServer, bind_socket, settle_heap
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


def _process_routes(config: BotConfig, primary: bool) -> dict:
    """One worker process's routes (its own database engine and Bolt app); the primary worker
    also runs the digest scheduler, so one `northstar run` has one scheduler."""
    deps = Deps(db=Database(config.database_url), clock=clock_from_env())
    app, clients = build_bot(config, deps)
    if primary:
        start_background(DigestScheduler(deps, clients))
        WalCheckpointer(deps.db).start()  # SQLite: no request waits for a checkpoint
    return {**slack_routes(app), INGEST_PATH: ingest_app(deps)}


def _serve_http(config: BotConfig, port: int, workers: int) -> int:
    """HTTP mode: gunicorn with `workers` processes (see web/production.py)."""
    try:
        sock = bind_socket("0.0.0.0", port)
    except OSError as error:
        log.error("cannot listen on port %s: %s", port, error.strerror or error)
        return 2
    log.info("HTTP mode on port %s (Slack at %s), %s worker process(es)", port, SLACK_PATH, workers)
    ProductionServer(functools.partial(_process_routes, config), sock, workers=workers).run()
    return 0


def _serve_socket_mode(config: BotConfig, deps: Deps, ingest_port: int) -> int:
    """Socket Mode: one process; the ingestion API on its own port beside it."""
    app, clients = build_bot(config, deps)
    background = start_background(DigestScheduler(deps, clients))
    checkpointer = WalCheckpointer(deps.db).start()
    ingest_server = make_http_server({INGEST_PATH: ingest_app(deps), **oauth_routes(app)},
                                     ingest_port, host="0.0.0.0")
    threading.Thread(target=ingest_server.serve_forever, daemon=True).start()
    log.info("Socket Mode; ingestion API on port %s%s", ingest_port, INGEST_PATH)
    settle_heap()
    try:
        run_socket_mode(app, config.app_token)
    finally:
        background.shutdown(wait=False)
        checkpointer.stop()
        ingest_server.shutdown()
    return 0


def run(config: BotConfig, port: int, ingest_port: int, workers: int = DEFAULT_WORKERS) -> int:
    """Serve until interrupted; returns the exit code."""
    problem = token_mix_up(config) or startup_problem(config)
    if problem:
        log.error(problem)
        return 2
    if workers < 1:
        log.error("--workers must be at least 1")
        return 2
    db = Database(config.database_url)
    db.upgrade()
    problem = slack_problem(config)
    if problem:
        db.dispose()
        log.error(problem)
        return 2
    if config.app_token:
        return _serve_socket_mode(config, Deps(db=db, clock=clock_from_env()), ingest_port)
    db.dispose()  # each worker opens its own connections after the fork
    return _serve_http(config, port, workers)
