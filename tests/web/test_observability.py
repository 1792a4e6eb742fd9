"""/healthz, /readyz and /metrics on a real server: ready only when the database answers, its
schema is the code's and the scheduler ticked lately; metrics for loopback or a bearer token."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command

from ritual.deps import Deps
from ritual.health import mark_tick
from storage.db import Database
from storage.migrate import alembic_config
from web.observability import is_loopback, may_scrape, metrics_app, observability_routes
from web.server import make_http_server

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TOKEN = "scrape-token-0123456789"


class Clock:
    def __init__(self) -> None:
        self.current = NOW

    def __call__(self) -> datetime:
        return self.current


def get(url: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def serve(deps: Deps, token: str | None = None, exposition=None) -> Iterator[str]:
    exposition = exposition or (lambda: (b"northstar_test 1\n", "text/plain; version=0.0.4"))
    server = make_http_server(observability_routes(deps, exposition, token=token or ""), 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def deps(database_url: str, clock: Clock) -> Iterator[Deps]:
    db = Database(database_url)
    yield Deps(db=db, clock=clock)
    db.dispose()


@pytest.fixture
def base_url(deps: Deps) -> Iterator[str]:
    yield from serve(deps)


def readyz(base_url: str) -> tuple[int, dict]:
    status, body, _ = get(f"{base_url}/readyz")
    return status, json.loads(body)


def test_healthz_answers_while_the_process_runs(base_url):
    status, body, headers = get(f"{base_url}/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok"})
    assert headers["Cache-Control"] == "no-store"


@pytest.mark.postgres  # smoke test on both databases
def test_ready_once_the_scheduler_ticked_and_until_its_ticks_stop(base_url, deps, clock):
    assert readyz(base_url) == (503, {"status": "not ready", "reason": "scheduler_not_ticking",
                                      "detail": "the scheduler has not ticked yet"})
    mark_tick(deps)
    assert readyz(base_url) == (200, {"status": "ready"})
    clock.current += timedelta(minutes=2)
    assert readyz(base_url)[0] == 200
    clock.current += timedelta(seconds=1)
    status, body = readyz(base_url)
    assert (status, body["reason"]) == (503, "scheduler_not_ticking")
    assert "121 s ago" in body["detail"]
    mark_tick(deps)
    assert readyz(base_url)[0] == 200


def test_not_ready_when_the_schema_is_behind_the_code(base_url, deps):
    mark_tick(deps)
    command.downgrade(alembic_config(deps.db.engine), "0007")
    status, body = readyz(base_url)
    assert (status, body["reason"]) == (503, "schema_not_at_head")
    assert body["detail"].startswith("database at 0007, code at 0")


def test_not_ready_when_the_database_cannot_be_reached(tmp_path: Path, clock):
    db = Database(f"sqlite:///{tmp_path / 'gone' / 'northstar.db'}")  # its folder does not exist
    for url in serve(Deps(db=db, clock=clock)):
        status, body = readyz(url)
        assert (status, body["reason"]) == (503, "database_unreachable")
        assert get(f"{url}/healthz")[0] == 200  # alive all the same
    db.dispose()


def test_only_reads_are_answered(base_url):
    request = urllib.request.Request(f"{base_url}/healthz", data=b"{}", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 405 and refused.value.headers["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("address, loopback", [
    ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("::ffff:127.0.0.1", True),
    ("10.0.0.5", False), ("192.168.1.20", False), ("2001:db8::1", False),
    ("::ffff:10.0.0.5", False), ("", False), ("localhost", False)])
def test_loopback_addresses(address, loopback):
    assert is_loopback(address) is loopback


def test_without_a_token_only_loopback_clients_may_scrape():
    assert may_scrape("127.0.0.1", "", None)
    assert not may_scrape("203.0.113.7", "", None)
    assert not may_scrape("203.0.113.7", f"Bearer {TOKEN}", None)


def test_with_a_token_every_client_must_send_it_whatever_its_address():
    assert may_scrape("203.0.113.7", f"Bearer {TOKEN}", TOKEN)
    assert may_scrape("203.0.113.7", f"bearer   {TOKEN}", TOKEN)
    assert not may_scrape("203.0.113.7", "", TOKEN)
    assert not may_scrape("203.0.113.7", f"Bearer {TOKEN}x", TOKEN)
    assert not may_scrape("203.0.113.7", f"Basic {TOKEN}", TOKEN)
    assert not may_scrape("127.0.0.1", "", TOKEN)


def test_metrics_for_a_loopback_client_without_a_token(base_url):
    status, body, headers = get(f"{base_url}/metrics")
    assert (status, body) == (200, b"northstar_test 1\n")
    assert headers["Content-Type"].startswith("text/plain")


def test_metrics_with_a_token_need_the_bearer_header(deps):
    for url in serve(deps, token=TOKEN):
        status, body, headers = get(f"{url}/metrics")
        assert status == 401 and headers["WWW-Authenticate"] == "Bearer"
        assert b"northstar_test" not in body
        assert get(f"{url}/metrics", {"Authorization": "Bearer wrong-token-0123456789"})[0] == 401
        status, body, _ = get(f"{url}/metrics", {"Authorization": f"Bearer {TOKEN}"})
        assert (status, body) == (200, b"northstar_test 1\n")


def test_the_token_comes_from_the_environment(deps, monkeypatch):
    monkeypatch.setenv("NORTHSTAR_METRICS_TOKEN", TOKEN)
    routes = observability_routes(deps, lambda: (b"x\n", "text/plain"))
    server = make_http_server(routes, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert get(f"{url}/metrics")[0] == 401
        assert get(f"{url}/metrics", {"Authorization": f"Bearer {TOKEN}"})[0] == 200
    finally:
        server.shutdown()
        server.server_close()


def test_a_remote_client_without_a_token_is_refused_with_a_hint():
    answers = []
    app = metrics_app(lambda: (b"northstar_test 1\n", "text/plain"), None)
    body = b"".join(app({"REQUEST_METHOD": "GET", "REMOTE_ADDR": "203.0.113.7"},
                        lambda status, headers: answers.append(status)))
    assert answers == ["403 Forbidden"]
    assert b"NORTHSTAR_METRICS_TOKEN" in body and b"northstar_test" not in body


def test_a_request_through_a_local_reverse_proxy_is_not_loopback():
    assert not may_scrape("127.0.0.1", "", None, proxied=True)
    assert may_scrape("127.0.0.1", f"Bearer {TOKEN}", TOKEN, proxied=True)


def test_metrics_refuse_a_proxied_request_over_http(base_url):
    assert get(f"{base_url}/metrics", {"X-Forwarded-For": "203.0.113.7"})[0] == 403
    assert get(f"{base_url}/metrics", {"Forwarded": "for=203.0.113.7"})[0] == 403
