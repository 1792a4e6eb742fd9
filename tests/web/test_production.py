"""HTTP mode's production server (gunicorn, web/production.py) in a real process: bodies capped
before anyone reads them, slow clients cut off, a dead worker replaced, and no worker outliving
a server killed with SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.web.test_server import _exchange, _status
from web.production import YOUNG_THRESHOLD

ROOT = Path(__file__).resolve().parents[2]
SERVER = """
import gc, json, os, sys
from pathlib import Path
from web.production import ProductionServer, bind_socket

out = Path(sys.argv[1])

def echo(environ, start_response):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    (out / f"called-{os.getpid()}").touch()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body) + 5))])
    return [b"echo:" + body]

def files(environ, start_response):
    return echo(environ, start_response)

files.max_body = 20 * 1024 * 1024

def heap(environ, start_response):
    body = json.dumps({"frozen": gc.get_freeze_count(), "threshold": gc.get_threshold()}).encode()
    start_response("200 OK", [("Content-Type", "application/json"),
                              ("Content-Length", str(len(body)))])
    return [body]

def routes():
    (out / f"worker-{os.getpid()}").touch()
    return {"/echo": echo, "/slack/events": echo, "/ingest/v1/events": echo, "/heap": heap,
            "/ingest/v1/files": files}

sock = bind_socket("127.0.0.1", 0)
(out / "port.tmp").write_text(str(sock.getsockname()[1]))
(out / "port.tmp").rename(out / "port")
ProductionServer(routes, sock, workers=2, timeout=0.5, request_deadline=1.5, heartbeat=5).run()
"""


@dataclass
class Running:
    process: subprocess.Popen
    folder: Path
    port: int

    def marks(self, kind: str) -> set[int]:
        return {int(p.name.split("-")[1]) for p in self.folder.glob(f"{kind}-*")}

    def called(self) -> bool:
        return bool(self.marks("called"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


def _wait(check, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.05)
    return check()


@pytest.fixture
def server(tmp_path) -> Iterator[Running]:
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen([sys.executable, "-c", SERVER, str(tmp_path)], cwd=ROOT,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        assert _wait(lambda: (tmp_path / "port").exists() or process.poll() is not None)
        port = int((tmp_path / "port").read_text())
        running = Running(process, tmp_path, port)
        assert _wait(lambda: len(running.marks("worker")) == 2), (
            tmp_path / "server.log").read_text()
        yield running
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
        log.close()


def test_a_huge_content_length_gets_413_without_the_body_being_read(server):
    head = (b"POST /slack/events HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\n\r\n")
    response, seconds, closed = _exchange(server.port, head + b"x" * 65536)
    assert _status(response) == 413, response
    assert closed and seconds < 5
    assert not server.called()


@pytest.mark.parametrize("path", ["/slack/events", "/ingest/v1/events", "/elsewhere"])
def test_every_route_is_capped_at_one_megabyte(server, path):
    head = f"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: {1024 * 1024 + 1}\r\n\r\n"
    response, _, _ = _exchange(server.port, head.encode())
    assert _status(response) == 413 and not server.called()


def test_a_route_with_its_own_cap_takes_more_than_a_megabyte_and_no_more_than_its_cap(server):
    body = b"x" * (2 * 1024 * 1024)
    head = "POST /ingest/v1/files HTTP/1.1\r\nHost: localhost\r\nContent-Length: {}\r\n\r\n"
    response, _, _ = _exchange(server.port, head.format(len(body)).encode() + body)
    assert _status(response) == 200 and response.endswith(b"echo:" + body)

    response, _, _ = _exchange(server.port, head.format(20 * 1024 * 1024 + 1).encode())
    assert _status(response) == 413


@pytest.mark.parametrize(("header", "status"), [
    (b"", 411), (b"Content-Length: many\r\n", 400), (b"Transfer-Encoding: chunked\r\n", 411),
])
def test_a_post_without_a_valid_length_is_refused_unread(server, header, status):
    response, seconds, _ = _exchange(
        server.port, b"POST /slack/events HTTP/1.1\r\nHost: localhost\r\n" + header + b"\r\n5\r\nhello\r\n")
    assert _status(response) == status and seconds < 5
    assert not server.called()


def test_a_client_that_stalls_after_the_headers_is_disconnected(server):
    head = b"POST /slack/events HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nabc"
    response, seconds, closed = _exchange(server.port, head, wait=10)
    assert closed and seconds < 4, (response, seconds)
    assert _status(response) in (0, 408)


def test_a_client_that_stalls_inside_the_headers_is_disconnected(server):
    response, seconds, closed = _exchange(server.port, b"POST /slack/events HTTP/1.1\r\nHost: loc",
                                          wait=10)
    assert closed and seconds < 4, (response, seconds)
    assert not server.called()


def test_a_client_dribbling_bytes_is_cut_off_at_the_request_deadline(server):
    started = time.monotonic()
    closed = False
    with socket.create_connection(("127.0.0.1", server.port), timeout=1) as sock:
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


def test_a_worker_settles_its_heap_once_its_application_is_built(server):
    with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/heap", timeout=5) as response:
        heap = json.loads(response.read())

    assert heap["frozen"] > 1000  # the libraries' objects are left out of every collection
    assert heap["threshold"][0] == YOUNG_THRESHOLD


def test_a_dead_worker_is_replaced(server):
    url = f"http://127.0.0.1:{server.port}/echo"
    with urllib.request.urlopen(urllib.request.Request(url, data=b"hi"), timeout=5) as response:
        assert response.read() == b"echo:hi"
    first, other = sorted(server.marks("worker"))
    os.kill(first, signal.SIGKILL)
    replaced = _wait(lambda: server.marks("worker") - {first, other})
    assert len(replaced) == 1, "no new worker after a worker died"
    with urllib.request.urlopen(urllib.request.Request(url, data=b"again"), timeout=5) as response:
        assert response.read() == b"echo:again"


def test_workers_die_with_a_server_killed_by_sigkill(server):
    workers = server.marks("worker")
    assert all(_alive(pid) for pid in workers)
    server.process.send_signal(signal.SIGKILL)  # the server alone, as the OOM killer would
    server.process.wait(10)
    assert _wait(lambda: not any(_alive(pid) for pid in workers), 5), "a worker outlived its server"
