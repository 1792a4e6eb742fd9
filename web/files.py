"""`POST /ingest/v1/files`: an export (Stripe, PayPal, Shopify, WooCommerce, a bank's CSV, CAMT,
MT940, a ZIP of them) sent as the request body with the ingestion token, up to 20 MB.

The answer is the import's summary as JSON, as `northstar import --json` prints it
(`?dry_run=1`: a preview, nothing stored); a file that cannot be read is refused with 422, the
CLI's line and its code, and nothing is stored. Query parameters: `name` (the file's name, kept
with the import), `source` (default `auto`), `map` and `save_as` (a layout no profile knows).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from urllib.parse import parse_qs

from capture.imports.detect import SOURCES
from ritual.deps import Deps
from ritual.file_import import ImportRefusal, ImportRequest, NotAnExport, import_file
from texts import t
from texts.import_answer import summary_json
from web.ingest import (
    IngestError,
    _drain,
    _json_response,
    _length,
    _token_buckets,
    ingest_rate,
    token_endpoint,
)

log = logging.getLogger(__name__)
FILES_PATH = "/ingest/v1/files"
MAX_FILE = 20 * 1024 * 1024
_TRUE = {"1", "true", "yes"}


def _query(environ: dict) -> dict[str, str]:
    """The query's parameters, the last value of each."""
    return {key: values[-1] for key, values in
            parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True).items()}


def _read_file(environ: dict) -> bytes:
    """The whole body (the server refused anything over MAX_FILE before this reads a byte)."""
    if environ.get("CONTENT_TYPE", "").lower().startswith("multipart/"):
        _drain(environ["wsgi.input"], min(_length(environ), MAX_FILE))
        raise IngestError("415 Unsupported Media Type", "send the file itself as the body "
                          "(curl --data-binary @FILE), not as a form")
    length = _length(environ)
    if length > MAX_FILE:
        raise IngestError("413 Payload Too Large", f"body over {MAX_FILE} bytes")
    body = environ["wsgi.input"].read(length) if length else b""
    if len(body) < length:
        raise IngestError("400 Bad Request", "body shorter than its Content-Length")
    return body


def _request(team_id: str, body: bytes, query: dict[str, str]) -> ImportRequest:
    return ImportRequest(team_id=team_id, data=body, file_name=query.get("name") or None,
                         source=query.get("source") or "auto",
                         dry_run=query.get("dry_run", "").lower() in _TRUE,
                         user=None, mapping=query.get("map") or None,
                         save_as=query.get("save_as") or None)


def _refusal(outcome: ImportRefusal | NotAnExport) -> IngestError:
    """The CLI's one line for a file that cannot be read, in the workspace's language."""
    if isinstance(outcome, NotAnExport):
        code, params = "import_unknown_layout", {"header": outcome.header}
    else:
        code = "import_wrong_source" if outcome.code == "import_unknown_layout" else outcome.code
        params = outcome.params
    message = t(code, outcome.lang, **{"known": ", ".join(SOURCES), **params})
    return IngestError("422 Unprocessable Entity", message, code=code)


def files_app(deps: Deps, rate: float | None = None) -> Callable:
    """The WSGI app for the file endpoint; `rate` requests a minute per token as the events
    endpoint (None: from NORTHSTAR_INGEST_RATE, 0: no limit). Its `max_body` tells the server
    to let bodies of up to 20 MB through on this route."""

    def handle(team_id: str, environ: dict, start_response: Callable) -> Iterable[bytes]:
        outcome = import_file(deps, _request(team_id, _read_file(environ), _query(environ)))
        if isinstance(outcome, ImportRefusal | NotAnExport):
            raise _refusal(outcome)
        return _json_response(start_response, "200 OK", summary_json(outcome))

    app = token_endpoint(deps, _token_buckets(ingest_rate() if rate is None else rate), handle,
                         "database unavailable; nothing was stored, retry")
    app.max_body = MAX_FILE
    return app
