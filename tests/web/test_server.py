"""The HTTP server: bodies capped before anyone reads them, slow clients cut off, a bounded
number of request threads."""

from __future__ import annotations

import json
import socket
import threading
import time
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


def _exchange(port: int, data: bytes, *, wait: float = 5.0) -> tuple[bytes, float, bool]:
    """Send data, then read until the server closes: (response, seconds, closed by server)."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(data)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
            closed = True
        except TimeoutError:
            closed = False
        except ConnectionResetError:
            closed = True
    return b"".join(chunks), time.monotonic() - started, closed


def _status(response: bytes) -> int:
    return int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/") else 0


def test_a_huge_content_length_gets_413_without_the_body_being_read(serve, slack_events):
    port = serve({"/slack/events": slack_events})
    head = (b"POST /slack/events HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\n\r\n")
    response, seconds, closed = _exchange(port, head + b"x" * 65536)
    assert _status(response) == 413, response
    assert closed and seconds < 2
    assert slack_events.calls == 0


@pytest.mark.parametrize("path", ["/slack/events", "/ingest/v1/events", "/elsewhere"])
def test_every_route_is_capped_at_one_megabyte(serve, path):
    echo = Recorder(_echo)
    port = serve({"/slack/events": echo, "/ingest/v1/events": echo})
    head = f"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: {1024 * 1024 + 1}\r\n\r\n"
    response, _, _ = _exchange(port, head.encode())
    assert _status(response) == 413 and echo.calls == 0


@pytest.mark.parametrize(("header", "status"), [
    (b"", 411), (b"Content-Length: many\r\n", 400), (b"Content-Length: -5\r\n", 400),
    (b"Transfer-Encoding: chunked\r\n", 411),
])
def test_a_post_without_a_valid_length_is_refused_unread(serve, slack_events, header, status):
    port = serve({"/slack/events": slack_events})
    response, seconds, _ = _exchange(
        port, b"POST /slack/events HTTP/1.1\r\nHost: localhost\r\n" + header + b"\r\n5\r\nhello\r\n")
    assert _status(response) == status and seconds < 2
    assert slack_events.calls == 0


def test_a_client_that_stalls_after_the_headers_is_disconnected(serve, slack_events):
    port = serve({"/slack/events": slack_events}, timeout=0.5)
    head = b"POST /slack/events HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nabc"
    response, seconds, closed = _exchange(port, head)
    assert closed and seconds < 3, (response, seconds)
    assert _status(response) in (0, 408)


def test_a_client_that_stalls_inside_the_headers_is_disconnected(serve, slack_events):
    port = serve({"/slack/events": slack_events}, timeout=0.5)
    response, seconds, closed = _exchange(port, b"POST /slack/events HTTP/1.1\r\nHost: loc")
    assert closed and seconds < 3, (response, seconds)
    assert slack_events.calls == 0


def test_a_client_dribbling_bytes_is_cut_off_at_the_request_deadline(serve, slack_events):
    port = serve({"/slack/events": slack_events}, timeout=0.5, request_deadline=1.5)
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
        closed = False
        for byte in b"POST /slack/events HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + b"a" * 100:
            try:
                sock.sendall(bytes([byte]))
                sock.settimeout(0.2)
                if sock.recv(1024) == b"":
                    closed = True
                    break
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            if time.monotonic() - started > 6:
                break
    assert closed and time.monotonic() - started < 4


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
