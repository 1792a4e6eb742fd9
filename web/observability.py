"""`GET /healthz`, `GET /readyz` and `GET /metrics`: is the process alive, is it ready, what it did.

/metrics answers loopback clients only, unless NORTHSTAR_METRICS_TOKEN is set: then every
client must send it as `Authorization: Bearer <token>` (wherever it connects from).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import os
from collections.abc import Callable, Iterable

from ritual.deps import Deps
from ritual.health import readiness

HEALTH_PATH, READY_PATH, METRICS_PATH = "/healthz", "/readyz", "/metrics"
TOKEN_ENV = "NORTHSTAR_METRICS_TOKEN"
Exposition = Callable[[], tuple[bytes, str]]
_READ_METHODS = ("GET", "HEAD")
_PROXY_HEADERS = ("HTTP_FORWARDED", "HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP")


def _answer(start_response: Callable, status: str, body: bytes, content_type: str,
            extra: list[tuple[str, str]] | None = None) -> Iterable[bytes]:
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body))),
                            ("Cache-Control", "no-store"), *(extra or [])])
    return [body]


def _json(start_response: Callable, status: str, payload: dict,
          extra: list[tuple[str, str]] | None = None) -> Iterable[bytes]:
    return _answer(start_response, status, json.dumps(payload).encode(),
                   "application/json; charset=utf-8", extra)


def _reads_only(app: Callable) -> Callable:
    def guarded(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD", "GET") not in _READ_METHODS:
            return _json(start_response, "405 Method Not Allowed", {"error": "use GET"},
                         [("Allow", "GET, HEAD")])
        return app(environ, start_response)

    return guarded


def healthz(environ: dict, start_response: Callable) -> Iterable[bytes]:
    """The process answers."""
    return _json(start_response, "200 OK", {"status": "ok"})


def readyz_app(deps: Deps) -> Callable:
    """200 when ready; 503 with the reason when the database, the schema or the scheduler is not."""

    def readyz(environ: dict, start_response: Callable) -> Iterable[bytes]:
        ready = readiness(deps)
        if ready.problem is None:
            return _json(start_response, "200 OK", {"status": "ready"})
        return _json(start_response, "503 Service Unavailable",
                     {"status": "not ready", "reason": ready.problem, "detail": ready.detail})

    return readyz


def is_loopback(address: str) -> bool:
    """127.0.0.0/8, ::1, or an IPv4-mapped loopback address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return (mapped or ip).is_loopback


def may_scrape(remote_addr: str, authorization: str, token: str | None, proxied: bool = False) -> bool:
    """With a token, the request must carry it as a bearer token; without, come from loopback
    itself (not through a reverse proxy on this machine, which would make anyone loopback)."""
    if not token:
        return is_loopback(remote_addr) and not proxied
    scheme, _, sent = authorization.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(sent.strip().encode(), token.encode())


def metrics_app(exposition: Exposition, token: str | None) -> Callable:
    """The Prometheus text exposition, for the clients `may_scrape` lets in."""

    def metrics(environ: dict, start_response: Callable) -> Iterable[bytes]:
        proxied = any(environ.get(name) for name in _PROXY_HEADERS)
        if not may_scrape(environ.get("REMOTE_ADDR", ""), environ.get("HTTP_AUTHORIZATION", ""), token,
                          proxied):
            if token:
                return _json(start_response, "401 Unauthorized", {"error": "missing or wrong bearer token"},
                             [("WWW-Authenticate", "Bearer")])
            return _json(start_response, "403 Forbidden",
                         {"error": f"metrics are for loopback clients; set {TOKEN_ENV} to scrape remotely"})
        body, content_type = exposition()
        return _answer(start_response, "200 OK", body, content_type)

    return metrics


def observability_routes(deps: Deps, exposition: Exposition, token: str | None = None) -> dict:
    """The three routes; the token defaults to NORTHSTAR_METRICS_TOKEN."""
    token = token if token is not None else os.environ.get(TOKEN_ENV) or None
    return {HEALTH_PATH: _reads_only(healthz), READY_PATH: _reads_only(readyz_app(deps)),
            METRICS_PATH: _reads_only(metrics_app(exposition, token))}
