"""The hardening both HTTP stacks share (wsgiref in Socket Mode and the tests, gunicorn in HTTP mode).

- the limits: `MAX_BODY` per request, `TIMEOUT` per read from a client, `REQUEST_DEADLINE` to
  receive a whole request, `MAX_THREADS` requests at once (wsgiref; gunicorn has its workers'
  threads);
- `limit_requests`: every route's body capped before any application reads a byte of it (413
  over the limit, 411 without a length, 400 for a bad one) and 408 for a body not received in
  time. Each server enforces the timeouts on its own sockets: web/server.py (wsgiref's handler)
  and web/gunicorn_worker.py (gunicorn's threaded worker); tests/web/test_hardening.py runs one
  set of tests against both.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Callable, Iterable, Mapping

log = logging.getLogger(__name__)
WsgiApp = Callable[[dict, Callable], Iterable[bytes]]

MAX_BODY = 1024 * 1024
TIMEOUT = 10.0
REQUEST_DEADLINE = 30.0
MAX_THREADS = 32
CONNECTION_KEY = "northstar.connection"
_DIGITS = re.compile(r"[0-9]{1,18}")
_BODY_METHODS = {"POST", "PUT", "PATCH"}


def _refusal(start_response: Callable, status: str, message: str, exc_info=None) -> Iterable[bytes]:
    """{"error": message}, as the ingestion API answers its own refusals."""
    body = json.dumps({"error": message}).encode()
    start_response(status, [("Content-Type", "application/json; charset=utf-8"),
                            ("Content-Length", str(len(body)))], exc_info)
    return [body]


def body_limits(routes: Mapping[str, WsgiApp]) -> dict[str, int]:
    """The routes that allow another body size than the server's (their app's `max_body`)."""
    return {path: app.max_body for path, app in routes.items()
            if isinstance(getattr(app, "max_body", None), int)}


def limit_requests(app: WsgiApp, max_body: int = MAX_BODY,
                   limits: Mapping[str, int] | None = None) -> WsgiApp:
    """Refuse a request whose body is too large (over `max_body`, or its path's own limit in
    `limits`) or of unknown length before `app` sees it; a request whose body does not arrive
    in time gets 408."""
    limits = dict(limits or {})

    def refuse(environ: dict, start_response: Callable, status: str, message: str):
        connection = environ.get(CONNECTION_KEY)
        if connection is not None:
            connection.unread_body = True
        return _refusal(start_response, status, message)

    def limited(environ: dict, start_response: Callable) -> Iterable[bytes]:
        raw = (environ.get("CONTENT_LENGTH") or "").strip()
        if environ.get("HTTP_TRANSFER_ENCODING"):
            if raw:
                return refuse(environ, start_response, "400 Bad Request",
                              "both Transfer-Encoding and Content-Length")
            return refuse(environ, start_response, "411 Length Required",
                          "Content-Length required (no chunked bodies)")
        if not raw:
            if environ.get("REQUEST_METHOD", "GET").upper() in _BODY_METHODS:
                return refuse(environ, start_response, "411 Length Required",
                              "Content-Length required")
        elif not _DIGITS.fullmatch(raw):
            return refuse(environ, start_response, "400 Bad Request", "invalid Content-Length")
        elif int(raw) > (limit := limits.get(environ.get("PATH_INFO", ""), max_body)):
            return refuse(environ, start_response, "413 Payload Too Large",
                          f"body over {limit} bytes")
        try:
            return app(environ, start_response)
        except TimeoutError:
            log.debug("request body not received in time: %s", environ.get("PATH_INFO"))
            return _refusal(start_response, "408 Request Timeout", "request body not received in time",
                          sys.exc_info())

    return limited
