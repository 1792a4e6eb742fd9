"""One set of tests for the hardening both HTTP stacks share (web/hardening.py): wsgiref
(Socket Mode, the bot tests) and gunicorn (HTTP mode) each cap bodies before the application
reads them and cut off clients that stall or dribble."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from tests.web.stacks import FILES_MAX_BODY, STACKS, exchange, run_gunicorn, run_wsgiref, status_of


@pytest.fixture(params=STACKS)
def stack(request, tmp_path) -> Iterator:
    yield from (run_wsgiref() if request.param == "wsgiref" else run_gunicorn(tmp_path))


def test_a_huge_content_length_gets_413_without_the_body_being_read(stack):
    head = (b"POST /slack/events HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\n\r\n")
    response, seconds, closed = exchange(stack.port, head + b"x" * 65536)
    assert status_of(response) == 413, response
    assert closed and seconds < 5
    assert not stack.called()


@pytest.mark.parametrize("path", ["/slack/events", "/ingest/v1/events", "/elsewhere"])
def test_every_route_is_capped_at_one_megabyte(stack, path):
    head = f"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: {1024 * 1024 + 1}\r\n\r\n"
    response, _, _ = exchange(stack.port, head.encode())
    assert status_of(response) == 413 and not stack.called()


@pytest.mark.parametrize(("header", "status"), [
    (b"", 411), (b"Content-Length: many\r\n", 400), (b"Content-Length: -5\r\n", 400),
    (b"Transfer-Encoding: chunked\r\n", 411),
])
def test_a_post_without_a_valid_length_is_refused_unread(stack, header, status):
    response, seconds, _ = exchange(
        stack.port, b"POST /slack/events HTTP/1.1\r\nHost: localhost\r\n" + header + b"\r\n5\r\nhello\r\n")
    assert status_of(response) == status and seconds < 5
    assert not stack.called()


def test_a_client_that_stalls_after_the_headers_is_disconnected(stack):
    head = b"POST /slack/events HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nabc"
    response, seconds, closed = exchange(stack.port, head, wait=10)
    assert closed and seconds < 4, (response, seconds)
    assert status_of(response) in (0, 408)


def test_a_client_that_stalls_inside_the_headers_is_disconnected(stack):
    response, seconds, closed = exchange(stack.port, b"POST /slack/events HTTP/1.1\r\nHost: loc", wait=10)
    assert closed and seconds < 4, (response, seconds)
    assert not stack.called()


def test_a_client_dribbling_bytes_is_cut_off_at_the_request_deadline(stack):
    started = time.monotonic()
    closed = False
    with socket.create_connection(("127.0.0.1", stack.port), timeout=1) as sock:
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
            if time.monotonic() - started > 10:
                break
    assert closed and time.monotonic() - started < 6


def test_a_normal_request_is_answered(stack):
    response, _, _ = exchange(stack.port, b"POST /echo HTTP/1.1\r\nHost: localhost\r\n"
                                          b"Content-Length: 2\r\nConnection: close\r\n\r\nhi")
    assert status_of(response) == 200 and response.endswith(b"echo:hi") and stack.called()


def test_a_route_with_its_own_cap_takes_more_than_a_megabyte_and_no_more_than_its_cap(stack):
    body = b"x" * (2 * 1024 * 1024)
    head = "POST /ingest/v1/files HTTP/1.1\r\nHost: localhost\r\nContent-Length: {}\r\n\r\n"
    response, _, _ = exchange(stack.port, head.format(len(body)).encode() + body)
    assert status_of(response) == 200 and response.endswith(b"echo:" + body)

    response, _, _ = exchange(stack.port, head.format(FILES_MAX_BODY + 1).encode())
    assert status_of(response) == 413
