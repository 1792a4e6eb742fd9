"""HTTP mode's server: gunicorn, with N worker processes of `HardenedThreadWorker` threads.

- The routes are built in each worker after the fork (its own database engine and Bolt app),
  by `routes_factory()`. Work that must run once per server (the digest scheduler) is not
  tied to a worker here: the worker that holds a lock runs it (storage/scheduler_lock.py), so
  it survives a worker's death and a reload (SIGHUP), which replaces every worker.
- Every route's body is capped before anyone reads it (`web.hardening.limit_requests`: 413, 411,
  400), every read from a client has a timeout and every request a deadline (the worker),
  and gunicorn restarts a worker that stops answering its heartbeat for `heartbeat` seconds.
- The workers die with the server: on Linux each asks the kernel for SIGKILL when its parent
  dies, so a server killed with SIGKILL leaves no worker behind (still serving, still
  posting digests); elsewhere gunicorn's own check notices within a second.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable

from gunicorn.app.base import BaseApplication
from prometheus_client.multiprocess import mark_process_dead

from web.hardening import (
    MAX_BODY,
    REQUEST_DEADLINE,
    TIMEOUT,
    WsgiApp,
    body_limits,
    limit_requests,
)
from web.server import router

log = logging.getLogger(__name__)
RoutesFactory = Callable[[], dict[str, WsgiApp]]
WORKER_CLASS = "web.gunicorn_worker.HardenedThreadWorker"
DEFAULT_WORKERS = 2
THREADS = 8
HEARTBEAT = 30
PR_SET_PDEATHSIG = 1
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
# Young collections every 10,000 allocations instead of 700: a request's garbage is freed by
# reference counting; a cycle collection in its middle is what lengthens the slowest answers.
YOUNG_THRESHOLD = 10_000


def settle_heap() -> None:
    """Once the application is built: move everything alive into the collector's permanent
    generation (a full collection no longer walks the libraries' hundreds of thousands of
    objects: 130-170 ms pauses measured) and collect young objects less often."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


def bind_socket(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that a port in use fails at once (OSError)."""
    sock = socket.create_server((host, port), backlog=128, reuse_port=False)
    sock.set_inheritable(True)
    return sock


def _die_with_parent(parent: int) -> None:
    """Ask Linux to SIGKILL this process when its parent dies (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        log.warning("could not tie the worker's life to the server's")
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _child_exit(server, worker) -> None:
    """In the server, when a worker has exited: in metrics' multiprocess mode, drop its live
    gauges (its counters stay counted)."""
    if os.environ.get(MULTIPROC_ENV):
        mark_process_dead(worker.pid)


class ProductionServer(BaseApplication):
    """gunicorn as a library: `ProductionServer(factory, sock, workers=2).run()` serves until
    SIGTERM/SIGINT (graceful) or SIGKILL (workers die with it)."""

    def __init__(self, routes_factory: RoutesFactory, sock: socket.socket, *,
                 workers: int = DEFAULT_WORKERS, threads: int = THREADS,
                 timeout: float = TIMEOUT, request_deadline: float = REQUEST_DEADLINE,
                 max_body: int = MAX_BODY, heartbeat: int = HEARTBEAT) -> None:
        self.routes_factory = routes_factory
        self.max_body = max_body
        self.limits = (timeout, max(request_deadline, timeout))
        self.options = {
            "bind": [f"fd://{sock.fileno()}"], "workers": workers, "threads": threads,
            "worker_class": WORKER_CLASS, "timeout": heartbeat, "graceful_timeout": 10,
            "keepalive": 5, "proc_name": "northstar", "accesslog": None, "errorlog": "-",
            "post_fork": self._post_fork, "child_exit": _child_exit,
            "control_socket_disable": True,
        }
        self.sock = sock
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def _post_fork(self, server, worker) -> None:
        """In the new worker, before it loads the application."""
        _die_with_parent(server.pid)
        worker.idle_timeout, worker.request_deadline = self.limits

    def load(self) -> WsgiApp:
        routes = self.routes_factory()
        app = limit_requests(router(routes), self.max_body, body_limits(routes))
        settle_heap()
        return app
