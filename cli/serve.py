"""`northstar run`: upgrade the database, then serve Slack (Socket Mode, or HTTP on gunicorn)."""

from __future__ import annotations

import functools
import logging
import threading

from bot.app import SLACK_PATH, oauth_routes, run_socket_mode, slack_routes
from bot.digest.scheduler import DigestScheduler, start_background
from bot.installations import unreadable_tokens_problem
from bot.oauth import build_bot, startup_problem
from bot.process_config import BotConfig, ProcessSettings
from bot.startup_checks import slack_problem, token_mix_up
from bot.telemetry import count_ingestion, exposition, use_multiprocess_dir
from ritual.deps import Deps
from storage.checkpoints import WalCheckpointer
from storage.db import Database
from storage.scheduler_lock import ELECTION_SECONDS, SchedulerLock, lock_path, run_when_elected
from storage.secret_box import SecretBox
from web.files import FILES_PATH, files_app
from web.ingest import INGEST_PATH, RATE_ENV, ingest_app, ingest_rate
from web.observability import observability_routes
from web.production import DEFAULT_WORKERS, ProductionServer, bind_socket, settle_heap
from web.rate_limit import TokenBuckets, limit_by
from web.server import make_http_server

log = logging.getLogger(__name__)
INSTALL_PER_MINUTE, INSTALL_BURST = 6, 10  # install pages per client address


def install_limit() -> TokenBuckets:
    """How often one address may open the Add to Slack page (each stores an OAuth state)."""
    return TokenBuckets(INSTALL_PER_MINUTE, INSTALL_BURST)


def _limit_install(app, routes: dict) -> dict:
    """The routes with the install page behind a per-address rate limit (429 beyond)."""
    flow = app.oauth_flow
    if flow is not None and flow.install_path in routes:
        routes[flow.install_path] = limit_by(routes[flow.install_path], install_limit())
    return routes


def _observability(deps: Deps, token: str) -> dict:
    """/healthz, /readyz and /metrics (`token`: NORTHSTAR_METRICS_TOKEN; empty: none)."""
    return observability_routes(deps, functools.partial(exposition, deps), token=token)


def _rate(settings: ProcessSettings) -> float:
    """NORTHSTAR_INGEST_RATE as a number (`run` refused a malformed one before serving)."""
    return ingest_rate({RATE_ENV: settings.ingest_rate_text or ""})


def http_routes(app, deps: Deps, settings: ProcessSettings | None = None) -> dict:
    """HTTP mode's routes: Slack's (the install page rate-limited), the ingestion API and the
    health and metrics endpoints (`settings`: the process's; default: none set)."""
    settings = settings or ProcessSettings()
    return _limit_install(app, {**slack_routes(app),
                                INGEST_PATH: ingest_app(deps, _rate(settings),
                                                        on_result=count_ingestion),
                                FILES_PATH: files_app(deps),
                                **_observability(deps, settings.metrics_token or "")})


def _process_routes(config: BotConfig) -> dict:
    """One worker process's routes (its own database engine and Bolt app). The worker that
    holds the scheduler lock runs the digest scheduler, so one `northstar run` has one
    scheduler, also after a reload (every worker keeps trying to take the lock)."""
    deps = Deps(db=Database(config.database_url), clock=config.process.clock())
    app, clients = build_bot(config, deps)

    def start() -> None:
        start_background(DigestScheduler(deps, clients), config.process)
        WalCheckpointer(deps.db).start()  # SQLite: no request waits for a checkpoint

    interval = config.process.seconds("election", ELECTION_SECONDS)
    run_when_elected(SchedulerLock(lock_path(deps.db.url, config.process.data_dir)), start, interval)
    return http_routes(app, deps, config.process)


def _serve_http(config: BotConfig, port: int, workers: int) -> int:
    """HTTP mode: gunicorn with `workers` processes (see web/production.py)."""
    try:
        sock = bind_socket("0.0.0.0", port)
    except OSError as error:
        log.error("cannot listen on port %s: %s", port, error.strerror or error)
        return 2
    log.info("HTTP mode on port %s (Slack at %s), %s worker process(es)", port, SLACK_PATH, workers)
    use_multiprocess_dir()
    ProductionServer(functools.partial(_process_routes, config), sock, workers=workers).run()
    return 0


def _serve_socket_mode(config: BotConfig, deps: Deps, ingest_port: int) -> int:
    """Socket Mode: one process; the ingestion API on its own port beside it."""
    app, clients = build_bot(config, deps)
    background = start_background(DigestScheduler(deps, clients), config.process)
    checkpointer = WalCheckpointer(deps.db).start()
    observability = _observability(deps, config.process.metrics_token or "")
    ingest_server = make_http_server(
        _limit_install(app, {INGEST_PATH: ingest_app(deps, _rate(config.process),
                                                     on_result=count_ingestion),
                             FILES_PATH: files_app(deps), **oauth_routes(app), **observability}),
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


def _stored_tokens_problem(config: BotConfig, db: Database) -> str | None:
    """OAuth distribution: every stored token is decrypted now, so a wrong (but well-formed)
    NORTHSTAR_SECRET_KEY stops the start instead of failing every request and digest later."""
    if not config.oauth_enabled:
        return None
    box = SecretBox.from_setting(config.secret_key)
    with db.engine.connect() as connection:
        return unreadable_tokens_problem(connection, box)


def run(config: BotConfig, port: int, ingest_port: int, workers: int = DEFAULT_WORKERS) -> int:
    """Serve until interrupted; returns the exit code."""
    problem = token_mix_up(config) or startup_problem(config)
    if problem:
        log.error(problem)
        return 2
    if workers < 1:
        log.error("--workers must be at least 1")
        return 2
    try:
        _rate(config.process)
    except ValueError as error:
        log.error("%s", error)
        return 2
    db = Database(config.database_url)
    db.upgrade()
    problem = _stored_tokens_problem(config, db) or slack_problem(config)
    if problem:
        log.error(problem)
        db.dispose()
        return 2
    if config.app_token:
        return _serve_socket_mode(config, Deps(db=db, clock=config.process.clock()), ingest_port)
    db.dispose()  # each worker opens its own connections after the fork
    return _serve_http(config, port, workers)
