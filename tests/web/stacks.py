"""The two HTTP stacks the hardening tests run against, behind one face: `Stack.port` to talk
to, `Stack.called()` to ask whether a request reached the application.

- "wsgiref": web/server.py in this process (Socket Mode's ingestion port, the bot tests);
- "gunicorn": web/production.py in its own process with two workers (HTTP mode).
Both with a read timeout of 0.5 s and a request deadline of 1.5 s.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers import FAST_SHUTDOWN
from web.server import make_http_server

ROOT = Path(__file__).resolve().parents[2]
STACKS = ("wsgiref", "gunicorn")
TIMEOUT, REQUEST_DEADLINE = 0.5, 1.5
FILES_MAX_BODY = 20 * 1024 * 1024  # a route with its own cap, as the file import has
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
ProductionServer(routes, sock, workers=2, timeout=TIMEOUT, request_deadline=DEADLINE, heartbeat=5).run()
""".replace("TIMEOUT", str(TIMEOUT)).replace("DEADLINE", str(REQUEST_DEADLINE))


@dataclass
class Running:
    """gunicorn in its own process; the workers and the application leave marks in `folder`."""

    process: subprocess.Popen
    folder: Path
    port: int

    def marks(self, kind: str) -> set[int]:
        return {int(p.name.split("-")[1]) for p in self.folder.glob(f"{kind}-*")}

    def called(self) -> bool:
        return bool(self.marks("called"))


@dataclass
class InProcess:
    """wsgiref in a thread of this process, with an echo application that counts its calls."""

    port: int = 0
    calls: list[str] = field(default_factory=list)

    def echo(self, environ, start_response):
        self.calls.append(environ.get("PATH_INFO", ""))
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body) + 5))])
        return [b"echo:" + body]

    def called(self) -> bool:
        return bool(self.calls)


def wait_for(check, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.05)
    return check()


def run_gunicorn(folder: Path) -> Iterator[Running]:
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen([sys.executable, "-c", SERVER, str(folder)], cwd=ROOT,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        assert wait_for(lambda: (folder / "port").exists() or process.poll() is not None)
        running = Running(process, folder, int((folder / "port").read_text()))
        assert wait_for(lambda: len(running.marks("worker")) == 2), (folder / "server.log").read_text()
        yield running
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
        log.close()


def run_wsgiref() -> Iterator[InProcess]:
    stack = InProcess()
    routes = {path: stack.echo for path in ("/echo", "/slack/events", "/ingest/v1/events")}

    def files(environ, start_response):
        return stack.echo(environ, start_response)

    files.max_body = FILES_MAX_BODY
    routes["/ingest/v1/files"] = files
    server = make_http_server(routes, 0, timeout=TIMEOUT, request_deadline=REQUEST_DEADLINE)
    threading.Thread(target=server.serve_forever, kwargs=FAST_SHUTDOWN, daemon=True).start()
    stack.port = server.server_address[1]
    try:
        yield stack
    finally:
        server.shutdown()
        server.server_close()


def exchange(port: int, data: bytes, *, wait: float = 5.0) -> tuple[bytes, float, bool]:
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


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/") else 0
