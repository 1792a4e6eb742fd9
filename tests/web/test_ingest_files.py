"""`POST /ingest/v1/files` through the real server: an export as the body with the ingestion
token, its summary as JSON (`?dry_run=1` stores nothing), up to 20 MB on this route only,
refusals as the CLI words them, and nothing stored when the file cannot be read."""

from __future__ import annotations

import http.client
import json
import threading
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ritual.deps import Deps
from storage.db import Database
from storage.import_tables import ImportedRow
from storage.models import Workspace
from storage.workspaces import rotate_ingest_token
from web.files import FILES_PATH, MAX_FILE, files_app
from web.ingest import INGEST_PATH, ingest_app
from web.server import make_http_server

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
SPARKASSE_ROW = ('"DE12500105170648489890";"{day:02d}.03.26";"{day:02d}.03.26";"KARTENZAHLUNG";'
                 '"Beleg {n}";"";"";"";"";"";"";"Laden {n}";"";"";"-{n},00";"EUR";"Umsatz gebucht"\n')


@pytest.fixture
def served(sqlite_url):
    db = Database(sqlite_url)
    with db.session() as session:
        workspace = Workspace(id="T0FILES", created_at=datetime(2026, 1, 1, tzinfo=UTC))
        session.add(workspace)
        session.flush()
        token = rotate_ingest_token(session, workspace)
    deps = Deps(db=db)
    server = make_http_server({FILES_PATH: files_app(deps, rate=0),
                               INGEST_PATH: ingest_app(deps, rate=0)}, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], token, db
    server.shutdown()
    server.server_close()
    db.dispose()


def post(port: int, token: str, body: bytes, query: str = "", path: str = FILES_PATH):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}{query}", data=body,
                                     headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def stored_rows(db: Database) -> int:
    with db.reader() as session:
        return session.scalar(select(func.count()).select_from(ImportedRow))


def test_a_dry_run_answers_the_summary_and_stores_nothing(served):
    port, token, db = served

    status, answer = post(port, token, (FIXTURES / "paypal_de.csv").read_bytes(), "?dry_run=1")

    assert status == 200 and answer["source"] == "paypal" and "import_id" not in answer
    assert (answer["new"], answer["skipped"]) == (3, {"memo": 1, "pending": 1})
    assert answer["weeks"]["2026-W12"]["revenue"] == "980.00"
    assert stored_rows(db) == 0


def test_an_import_stores_once_and_the_same_file_again_stores_nothing(served):
    port, token, db = served
    data = (FIXTURES / "stripe_balance.csv").read_bytes()

    first = post(port, token, data, "?name=stripe.csv")
    again = post(port, token, data)

    assert first[0] == 200 and first[1]["new"] == 5 and first[1]["import_id"]
    assert again[0] == 200 and (again[1]["new"], again[1]["duplicate"]) == (0, 5)
    assert "import_id" not in again[1]
    assert stored_rows(db) == 5


def test_a_row_that_cannot_be_read_is_listed_by_line_and_the_rest_stored(served):
    port, token, db = served
    header = (FIXTURES / "sparkasse_camt.csv").read_bytes().splitlines()[0] + b"\n"
    body = header + SPARKASSE_ROW.format(day=2, n=7).encode() \
        + SPARKASSE_ROW.format(day=3, n=8).replace("-8,00", "acht").encode()

    status, answer = post(port, token, body)

    assert status == 200 and answer["new"] == 1
    assert [(e["line"], e["code"]) for e in answer["errors"]] == [(3, "import_amount_invalid")]
    assert "acht" in answer["errors"][0]["message"]
    assert stored_rows(db) == 1


@pytest.mark.parametrize(("content", "code"), [
    (b"Datum;Betrag;Text\n01.03.2026;12,00;Kaffee\n", "import_unknown_layout"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "import_binary"),
    ((FIXTURES / "camt053_entities.xml").read_bytes(), "import_unsafe_xml"),
])
def test_a_file_that_cannot_be_read_is_refused_with_the_clis_line(served, content, code):
    port, token, db = served

    status, answer = post(port, token, content)

    assert status == 422 and answer["code"] == code and "\n" not in answer["error"]
    assert stored_rows(db) == 0


def test_a_wrong_token_is_refused_and_nothing_read(served):
    port, _, db = served

    status, answer = post(port, "not-the-token", (FIXTURES / "stripe_balance.csv").read_bytes())

    assert status == 401 and stored_rows(db) == 0


def test_this_route_takes_files_over_the_servers_1_mb_others_still_do_not(served):
    port, token, db = served
    header = (FIXTURES / "sparkasse_camt.csv").read_bytes().splitlines()[0] + b"\n"
    rows = b"".join(SPARKASSE_ROW.format(day=1 + n % 28, n=n).encode() for n in range(1, 9000))
    body = header + rows
    assert len(body) > 1024 * 1024

    status, answer = post(port, token, body, "?dry_run=1")
    events_status, _ = post(port, token, body, path=INGEST_PATH)

    assert status == 200 and answer["new"] == 8999
    assert events_status == 413


def test_over_20_mb_is_refused_with_413_before_a_byte_is_read(served):
    port, token, db = served
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("POST", FILES_PATH)
    connection.putheader("Authorization", f"Bearer {token}")
    connection.putheader("Content-Length", str(MAX_FILE + 1))
    connection.endheaders()

    response = connection.getresponse()

    assert response.status == 413 and str(MAX_FILE) in json.loads(response.read())["error"]
    connection.close()
    assert stored_rows(db) == 0
