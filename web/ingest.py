"""`POST /ingest/v1/events`: automations push costs, hours, metrics and notes.

Each event is validated on its own: good events of a batch are stored even when others are
rejected, and an `external_id` already stored is reported as a duplicate, never stored twice.
Each token may send NORTHSTAR_INGEST_RATE requests a minute (default 60, a burst of up to 30 at
once; 0 turns the limit off); beyond it the answer is 429 with Retry-After and nothing is read,
so a runaway automation cannot hold the database's write lock and starve Slack's commands.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
from collections.abc import Callable, Iterable, Mapping

from sqlalchemy.exc import DBAPIError

from capture.events import load_json
from ritual.deps import Deps
from ritual.ingestion import ingest_events, team_for_token
from ritual.lifecycle import stopped_since
from texts import say
from web.rate_limit import TokenBuckets, too_many

log = logging.getLogger(__name__)
INGEST_PATH = "/ingest/v1/events"
MAX_BODY = 1024 * 1024
MAX_EVENTS = 1000
DRAIN_LIMIT = 16 * MAX_BODY
RATE_ENV = "NORTHSTAR_INGEST_RATE"
DEFAULT_RATE = 60.0  # requests a minute per token
MAX_BURST = 30


def ingest_rate(environ: Mapping[str, str] = os.environ) -> float:
    """Requests a minute per token from NORTHSTAR_INGEST_RATE (0: no limit); raises ValueError
    with the reason when it is not a number of 0 or more."""
    raw = (environ.get(RATE_ENV) or "").strip()
    if not raw:
        return DEFAULT_RATE
    try:
        rate = float(raw)
    except ValueError:
        rate = math.nan
    if not math.isfinite(rate) or rate < 0:
        raise ValueError(f"{RATE_ENV}={raw!r}: requests a minute per token, a number of 0 "
                         f"or more (0: no limit; default {DEFAULT_RATE:g})")
    return rate


def _token_buckets(rate: float) -> TokenBuckets | None:
    return TokenBuckets(rate, max(1, min(MAX_BURST, int(rate)))) if rate > 0 else None


class IngestError(Exception):
    """A request-level problem: the whole request is refused with this status."""

    def __init__(self, status: str, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status, self.code = status, code

    def as_json(self) -> dict:
        return {"error": str(self), **({"code": self.code} if self.code else {})}


def _json_response(start_response: Callable, status: str, payload: dict,
                   extra: list[tuple[str, str]] | None = None) -> Iterable[bytes]:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8", "backslashreplace")
    start_response(status, [("Content-Type", "application/json; charset=utf-8"),
                            ("Content-Length", str(len(body))), *(extra or [])])
    return [body]


def _drain(stream, remaining: int) -> None:
    """Read and drop an oversized body, so the client sees our 413 and not a reset."""
    while remaining > 0:
        chunk = stream.read(min(remaining, 65536))
        if not chunk:
            return
        remaining -= len(chunk)


def _length(environ: dict) -> int:
    try:
        return max(0, int(environ.get("CONTENT_LENGTH") or 0))
    except ValueError as error:
        raise IngestError("400 Bad Request", "invalid Content-Length") from error


def _read_body(environ: dict) -> bytes:
    length = _length(environ)
    if length > MAX_BODY:
        _drain(environ["wsgi.input"], min(length, DRAIN_LIMIT))
        raise IngestError("413 Payload Too Large", f"body over {MAX_BODY} bytes")
    body = environ["wsgi.input"].read(min(length, MAX_BODY + 1)) if length else b""
    if len(body) > MAX_BODY:
        raise IngestError("413 Payload Too Large", f"body over {MAX_BODY} bytes")
    return body


def _events(body: bytes) -> list:
    try:
        document = load_json(body.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise IngestError("400 Bad Request", f"body is not UTF-8 (byte {error.start})") from error
    except json.JSONDecodeError as error:
        raise IngestError("400 Bad Request", f"malformed JSON at line {error.lineno} column "
                          f"{error.colno} (char {error.pos}): {error.msg}") from error
    except RecursionError as error:
        raise IngestError("400 Bad Request", "JSON nested too deeply") from error
    events = document.get("events") if isinstance(document, dict) else document
    if isinstance(document, dict) and set(document) - {"events"}:
        raise IngestError("400 Bad Request", "unknown top-level field(s): "
                          + ", ".join(sorted(set(document) - {"events"})))
    if not isinstance(events, list):
        raise IngestError("400 Bad Request", 'expected {"events": [...]} or a JSON array')
    if len(events) > MAX_EVENTS:
        raise IngestError("413 Payload Too Large", f"at most {MAX_EVENTS} events per request")
    return events


def _bearer(environ: dict) -> str:
    header = environ.get("HTTP_AUTHORIZATION", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _refuse_if_uninstalled(deps: Deps, team_id: str, environ: dict) -> None:
    """410 Gone for the token of a workspace that uninstalled the app (data kept, not added)."""
    since = stopped_since(deps, team_id)
    if since is not None:
        _drain(environ["wsgi.input"], min(_length(environ), MAX_BODY))
        raise IngestError("410 Gone", f"northstar was removed from this Slack workspace on "
                          f"{since:%Y-%m-%d}; nothing was stored. Reinstall the app to send "
                          "data again.", code="workspace_uninstalled")


def admit(deps: Deps, buckets, environ: dict) -> tuple[str, float]:
    """(the team of the request's bearer token, 0) when it may be served; (team, seconds to
    wait) over the token's rate. An unknown token is refused (401) and so is the token of an
    uninstalled workspace (410); a refused body is drained, never stored."""
    token = _bearer(environ)
    team_id = team_for_token(deps, token)
    if team_id is None:
        _drain(environ["wsgi.input"], min(_length(environ), MAX_BODY))
        raise IngestError("401 Unauthorized", "missing or invalid bearer token")
    wait = 0 if buckets is None else buckets.take(hashlib.sha256(token.encode()).hexdigest())
    if wait > 0:
        _drain(environ["wsgi.input"], min(_length(environ), MAX_BODY))
        return team_id, wait
    _refuse_if_uninstalled(deps, team_id, environ)
    return team_id, 0


def token_endpoint(deps: Deps, buckets, handle: Callable, unavailable: str) -> Callable:
    """A POST endpoint behind the ingestion token: 405 for another method, the token admitted
    (`admit`), then `handle(team_id, environ, start_response)`; an IngestError answers as its
    JSON, an unreachable database as 503 with `unavailable`."""

    def app(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST":
            return _json_response(start_response, "405 Method Not Allowed",
                                  {"error": "use POST"}, [("Allow", "POST")])
        try:
            team_id, wait = admit(deps, buckets, environ)
            if wait > 0:
                return too_many(start_response, wait)
            return handle(team_id, environ, start_response)
        except IngestError as error:
            return _json_response(start_response, error.status, error.as_json())
        except DBAPIError:
            log.exception("database unavailable at %s", environ.get("PATH_INFO"))
            return _json_response(start_response, "503 Service Unavailable",
                                  {"error": unavailable}, [("Retry-After", "30")])

    return app


def ingest_app(deps: Deps, rate: float | None = None,
               on_result: Callable[[int, int, int], None] | None = None) -> Callable:
    """The WSGI app for the ingestion endpoint; `rate` requests a minute per token (None: from
    NORTHSTAR_INGEST_RATE, 0: no limit); `on_result(accepted, duplicates, rejected)` is told
    every stored batch's counts (for the metrics)."""

    def handle(team_id: str, environ: dict, start_response: Callable) -> Iterable[bytes]:
        result = ingest_events(deps, team_id, _events(_read_body(environ)))
        if on_result is not None:
            on_result(len(result.accepted), len(result.duplicates), len(result.rejected))
        return _json_response(start_response, "200 OK", result.as_json(
            lambda problem: say(problem, "en")))

    return token_endpoint(deps, _token_buckets(ingest_rate() if rate is None else rate), handle,
                          "database unavailable; send the batch again (events stored before "
                          "the failure come back as duplicates)")
