"""The wsgiref server's own part: a bounded number of request threads (503 beyond), and Slack's
requests answered through it. Body caps and slow clients: tests/web/test_hardening.py."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from tests.servers import FAST_SHUTDOWN
from tests.slack_requests import sign
from web.server import make_http_server

SECRET = "test-signing-secret"


class Recorder:
    """Wraps a WSGI app and records whether it was called."""

    def __init__(self, app) -> None:
        self.app = app
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.app(environ, start_response)


def _echo(environ, start_response):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body) + 5))])
    return [b"echo:" + body]


class Blocking:
    """A route that waits until released; counts requests inside."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.inside = threading.Semaphore(0)

    def __call__(self, environ, start_response):
        self.inside.release()
        self.release.wait(10)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"done"]


@pytest.fixture
def serve() -> Iterator:
    servers = []

    def start(routes, **limits):
        server = make_http_server(routes, 0, **limits)
        threading.Thread(target=server.serve_forever, kwargs=FAST_SHUTDOWN, daemon=True).start()
        servers.append(server)
        return server.server_address[1]

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def slack_events():
    app = App(signing_secret=SECRET, token="xoxb-test", token_verification_enabled=False)
    return Recorder(SlackRequestHandler(app))


def test_requests_over_the_thread_cap_get_503_and_slots_come_back(serve):
    blocking = Blocking()
    port = serve({"/block": blocking, "/echo": _echo}, max_threads=2)
    url = f"http://127.0.0.1:{port}"
    results: list[int] = []

    def call() -> None:
        with urllib.request.urlopen(f"{url}/block", timeout=10) as response:
            results.append(response.status)

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
    for _ in threads:
        assert blocking.inside.acquire(timeout=5)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{url}/echo", timeout=5)
    assert refused.value.code == 503
    blocking.release.set()
    for thread in threads:
        thread.join(5)
    assert results == [200, 200]
    for _ in range(5):
        with urllib.request.urlopen(urllib.request.Request(f"{url}/echo", data=b"hi"), timeout=5) as r:
            assert r.read() == b"echo:hi"


def test_normal_requests_still_work(serve, slack_events):
    port = serve({"/slack/events": slack_events, "/echo": _echo}, timeout=2)
    url = f"http://127.0.0.1:{port}"
    body = json.dumps({"type": "url_verification", "token": "t", "challenge": "c-123"}).encode()
    request = urllib.request.Request(f"{url}/slack/events", data=body, headers={
        "Content-Type": "application/json", **sign(body, SECRET)})
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 200 and b"c-123" in response.read()
    unsigned = urllib.request.Request(f"{url}/slack/events", data=body,
                                      headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(unsigned, timeout=5)
    assert refused.value.code == 401
    payload = b"x" * (1024 * 1024)
    with urllib.request.urlopen(urllib.request.Request(f"{url}/echo", data=payload), timeout=5) as r:
        assert r.read() == b"echo:" + payload
    with urllib.request.urlopen(f"{url}/echo", timeout=5) as response:
        assert response.read() == b"echo:"
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{url}/nowhere", timeout=5)
    assert missing.value.code == 404
