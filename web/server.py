"""The wsgiref HTTP server (Socket Mode's ingestion port, the tests): WSGI routes by exact path.

With the hardening of web/hardening.py, which gunicorn's worker shares, nobody unauthenticated
gets to make it read much or wait long:
- every route's body is capped (1 MB, or the route's own `max_body`, such as the file
  import's 20 MB; 413 when Content-Length is over the limit, 411 when a POST has
  none, 400 when it is not a number) before any application reads a byte of it; Bolt's adapter
  would otherwise read the whole body before checking Slack's signature;
- every connection has a socket timeout (a client that stalls is dropped) and a deadline for
  reading its request (a client that dribbles a byte at a time is dropped too);
- at most `max_threads` requests are handled at once; the next ones get 503 at once.
"""

from __future__ import annotations

import contextlib
import io
import logging
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from web.hardening import (
    CONNECTION_KEY,
    MAX_BODY,
    MAX_THREADS,
    REQUEST_DEADLINE,
    TIMEOUT,
    WsgiApp,
    body_limits,
    limit_requests,
)

log = logging.getLogger(__name__)
LINGER_SECONDS = 1.0
LINGER_BYTES = 4 * MAX_BODY
_BUSY_BODY = b'{"error": "server busy, try again"}'
_BUSY = (b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
         b"Content-Length: %d\r\nRetry-After: 1\r\nConnection: close\r\n\r\n%s"
         % (len(_BUSY_BODY), _BUSY_BODY))


class _DeadlineReader(io.RawIOBase):
    """A socket's receiving side with an idle timeout per read and a deadline for all reads."""

    def __init__(self, sock: socket.socket, timeout: float, deadline: float) -> None:
        self.sock = sock
        self.timeout = timeout
        self.deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("request not received before its deadline")
        self.sock.settimeout(min(self.timeout, remaining))
        try:
            return self.sock.recv_into(buffer)
        finally:
            self.sock.settimeout(self.timeout)


class QuietHandler(WSGIRequestHandler):
    """wsgiref's handler with the server's timeouts, and a lingering close when a refused
    request's body was left unread (so the client reads our answer, not a reset)."""

    unread_body = False

    def setup(self) -> None:
        self.timeout = self.server.request_timeout
        super().setup()
        self.rfile.close()
        deadline = time.monotonic() + self.server.request_deadline
        self.rfile = io.BufferedReader(_DeadlineReader(self.connection, self.timeout, deadline))

    def get_environ(self) -> dict:
        environ = super().get_environ()
        environ[CONNECTION_KEY] = self
        return environ

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            if self.unread_body:
                _linger(self.connection, min(LINGER_SECONDS, self.timeout))

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        log.debug(format, *args)


def _linger(sock: socket.socket, seconds: float) -> None:
    """Half-close, then drop what the client still sends for a moment (bounded in time and
    bytes), so closing does not reset the connection before the client read the answer."""
    try:
        sock.shutdown(socket.SHUT_WR)
        until = time.monotonic() + seconds
        dropped = 0
        while dropped < LINGER_BYTES and (left := until - time.monotonic()) > 0:
            sock.settimeout(left)
            chunk = sock.recv(65536)
            if not chunk:
                return
            dropped += len(chunk)
    except OSError:
        return


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    """A WSGI server with a thread per request, at most `max_threads` of them."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, server_address, handler_class=QuietHandler, *, timeout: float = TIMEOUT,
                 request_deadline: float = REQUEST_DEADLINE, max_threads: int = MAX_THREADS) -> None:
        self.request_timeout = timeout
        self.request_deadline = max(request_deadline, timeout)
        self.max_threads = max_threads
        self._slots = threading.BoundedSemaphore(max_threads)
        super().__init__(server_address, handler_class)

    def process_request(self, request, client_address) -> None:
        if not self._slots.acquire(blocking=False):
            self._refuse_busy(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def _refuse_busy(self, request: socket.socket) -> None:
        """503 from the accepting thread, without waiting on the client."""
        log.warning("all %s request threads busy: answered 503", self.max_threads)
        try:
            request.setblocking(False)
            with contextlib.suppress(BlockingIOError, InterruptedError):
                request.recv(65536)  # what already arrived, so closing does not reset
            request.settimeout(1.0)
            request.sendall(_BUSY)
        except OSError:
            pass
        self.shutdown_request(request)

    def handle_error(self, request, client_address) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, TimeoutError | ConnectionError):
            log.debug("connection from %s dropped: %r", client_address[0], error)
        else:
            log.exception("error while serving %s", client_address[0])


def _not_found(environ: dict, start_response: Callable) -> Iterable[bytes]:
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"not found"]


def router(routes: dict[str, WsgiApp]) -> WsgiApp:
    """A WSGI app dispatching on the exact path."""

    def app(environ: dict, start_response: Callable) -> Iterable[bytes]:
        return routes.get(environ.get("PATH_INFO", ""), _not_found)(environ, start_response)

    return app


def make_http_server(routes: dict[str, WsgiApp], port: int, host: str = "127.0.0.1", *,
                     timeout: float = TIMEOUT, request_deadline: float = REQUEST_DEADLINE,
                     max_body: int = MAX_BODY, max_threads: int = MAX_THREADS) -> ThreadingWSGIServer:
    """A threaded server for the routes (port 0: pick a free one): bodies over `max_body`
    refused unread, `timeout` seconds per socket read or write, `request_deadline` seconds to
    receive a whole request, at most `max_threads` requests at once."""
    server = ThreadingWSGIServer((host, port), QuietHandler, timeout=timeout,
                                 request_deadline=request_deadline, max_threads=max_threads)
    server.set_app(limit_requests(router(routes), max_body, body_limits(routes)))
    return server
