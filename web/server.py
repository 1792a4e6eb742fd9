"""The HTTP server of `northstar run`: WSGI routes by exact path (Slack's, ingestion)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

log = logging.getLogger(__name__)
WsgiApp = Callable[[dict, Callable], Iterable[bytes]]


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        log.debug(format, *args)


def _not_found(environ: dict, start_response: Callable) -> Iterable[bytes]:
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"not found"]


def router(routes: dict[str, WsgiApp]) -> WsgiApp:
    """A WSGI app dispatching on the exact path."""

    def app(environ: dict, start_response: Callable) -> Iterable[bytes]:
        return routes.get(environ.get("PATH_INFO", ""), _not_found)(environ, start_response)

    return app


def make_http_server(routes: dict[str, WsgiApp], port: int,
                     host: str = "127.0.0.1") -> ThreadingWSGIServer:
    """A threaded server for the routes (port 0: pick a free one)."""
    return make_server(host, port, router(routes), server_class=ThreadingWSGIServer,
                       handler_class=QuietHandler)
