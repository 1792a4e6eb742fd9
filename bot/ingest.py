"""`POST /ingest/v1/events`: automations push costs, hours, metrics and notes.

Each event is validated on its own: good events of a batch are stored even when others are
rejected, and an `external_id` already stored is reported as a duplicate, never stored twice.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from zoneinfo import ZoneInfo

from sqlalchemy.exc import DBAPIError

from bot.services import Services, parse_context
from capture.errors import InputError
from capture.events import parse_event
from storage.entries import AnyInput, Provenance, add_many_unless_known
from storage.workspaces import workspace_for_token

log = logging.getLogger(__name__)
INGEST_PATH = "/ingest/v1/events"
MAX_BODY = 1024 * 1024
MAX_EVENTS = 1000
DRAIN_LIMIT = 16 * MAX_BODY


class IngestError(Exception):
    """A request-level problem: the whole request is refused with this status."""

    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status


def _json_response(start_response: Callable, status: str, payload: dict,
                   extra: list[tuple[str, str]] | None = None) -> Iterable[bytes]:
    body = json.dumps(payload, ensure_ascii=False).encode()
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


def _read_body(environ: dict) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError as error:
        raise IngestError("400 Bad Request", "invalid Content-Length") from error
    if length > MAX_BODY:
        _drain(environ["wsgi.input"], min(length, DRAIN_LIMIT))
        raise IngestError("413 Payload Too Large", f"body over {MAX_BODY} bytes")
    body = environ["wsgi.input"].read(min(length, MAX_BODY + 1)) if length else b""
    if len(body) > MAX_BODY:
        raise IngestError("413 Payload Too Large", f"body over {MAX_BODY} bytes")
    return body


def _events(body: bytes) -> list:
    try:
        document = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise IngestError("400 Bad Request", f"body is not UTF-8 (byte {error.start})") from error
    except json.JSONDecodeError as error:
        raise IngestError("400 Bad Request", f"malformed JSON at line {error.lineno} column "
                          f"{error.colno} (char {error.pos}): {error.msg}") from error
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


def ingest_batch(services: Services, token: str, events: list) -> dict:
    """Validate and store a batch; the answer lists every event by its index."""
    now = services.now()
    accepted, duplicates, rejected = [], [], []
    with services.db.session() as session:
        workspace = workspace_for_token(session, token)
        if workspace is None:
            raise IngestError("401 Unauthorized", "missing or invalid bearer token")
        ctx = replace(parse_context(session, workspace, now), lang="en")
        zone = ZoneInfo(workspace.timezone)
        valid: list[tuple[dict, AnyInput, Provenance]] = []
        seen: set[str] = set()
        for index, event in enumerate(events):
            external_id = event.get("external_id") if isinstance(event, dict) else None
            item = {"index": index, "external_id": external_id if isinstance(external_id, str)
                    else None}
            try:
                if not isinstance(event, dict):
                    raise InputError("event_not_object")
                _, entry = parse_event(event, ctx, zone)
            except InputError as error:
                rejected.append({**item, "error": error.message("en")})
                continue
            if external_id in seen:
                duplicates.append(item)
                continue
            seen.add(external_id)
            valid.append((item, entry, Provenance(entered_by=None, entered_at=now,
                                                  source="ingest", external_id=external_id)))
        stored = add_many_unless_known(session, workspace.id, [(e, o) for _, e, o in valid])
        for (item, _, _), was_stored in zip(valid, stored, strict=True):
            (accepted if was_stored else duplicates).append(item)
    accepted.sort(key=lambda item: item["index"])
    duplicates.sort(key=lambda item: item["index"])
    return {"accepted": accepted, "duplicates": duplicates, "rejected": rejected}


def ingest_app(services: Services) -> Callable:
    """The WSGI app for the ingestion endpoint."""

    def app(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST":
            return _json_response(start_response, "405 Method Not Allowed",
                                  {"error": "use POST"}, [("Allow", "POST")])
        try:
            token = _bearer(environ)
            if not token:
                raise IngestError("401 Unauthorized", "missing or invalid bearer token")
            events = _events(_read_body(environ))
            return _json_response(start_response, "200 OK", ingest_batch(services, token, events))
        except IngestError as error:
            return _json_response(start_response, error.status, {"error": str(error)})
        except DBAPIError:
            log.exception("database unavailable during ingestion")
            return _json_response(start_response, "503 Service Unavailable",
                                  {"error": "database unavailable; nothing was stored, retry"},
                                  [("Retry-After", "30")])

    return app
