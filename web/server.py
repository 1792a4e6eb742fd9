"""The HTTP server of `northstar run`: WSGI routes by exact path (Slack's, ingestion).

Nobody unauthenticated gets to make it read much or wait long:
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
import json
import logging
import re
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

log = logging.getLogger(__name__)
WsgiApp = Callable[[dict, Callable], Iterable[bytes]]

MAX_BODY = 1024 * 1024
TIMEOUT = 10.0
REQUEST_DEADLINE = 30.0
MAX_THREADS = 32
LINGER_SECONDS = 1.0
LINGER_BYTES = 4 * MAX_BODY
CONNECTION_KEY = "northstar.connection"
_DIGITS = re.compile(r"[0-9]{1,18}")
_BODY_METHODS = {"POST", "PUT", "PATCH"}
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


def _refusal(start_response: Callable, status: str, message: str, exc_info=None) -> Iterable[bytes]:
    """{"error": message}, as the ingestion API answers its own refusals."""
    body = json.dumps({"error": message}).encode()
    start_response(status, [("Content-Type", "application/json; charset=utf-8"),
                            ("Content-Length", str(len(body)))], exc_info)
    return [body]


def body_limits(routes: Mapping[str, WsgiApp]) -> dict[str, int]:
    """The routes that allow another body size than the server's (their app's `max_body`)."""
    return {path: app.max_body for path, app in routes.items()
            if isinstance(getattr(app, "max_body", None), int)}


def limit_requests(app: WsgiApp, max_body: int = MAX_BODY,
                   limits: Mapping[str, int] | None = None) -> WsgiApp:
    """Refuse a request whose body is too large (over `max_body`, or its path's own limit in
    `limits`) or of unknown length before `app` sees it; a request whose body does not arrive
    in time gets 408."""
    limits = dict(limits or {})

    def refuse(environ: dict, start_response: Callable, status: str, message: str):
        connection = environ.get(CONNECTION_KEY)
        if connection is not None:
            connection.unread_body = True
        return _refusal(start_response, status, message)

    def limited(environ: dict, start_response: Callable) -> Iterable[bytes]:
        raw = (environ.get("CONTENT_LENGTH") or "").strip()
        if environ.get("HTTP_TRANSFER_ENCODING"):
            if raw:
                return refuse(environ, start_response, "400 Bad Request",
                              "both Transfer-Encoding and Content-Length")
            return refuse(environ, start_response, "411 Length Required",
                          "Content-Length required (no chunked bodies)")
        if not raw:
            if environ.get("REQUEST_METHOD", "GET").upper() in _BODY_METHODS:
                return refuse(environ, start_response, "411 Length Required",
                              "Content-Length required")
        elif not _DIGITS.fullmatch(raw):
            return refuse(environ, start_response, "400 Bad Request", "invalid Content-Length")
        elif int(raw) > (limit := limits.get(environ.get("PATH_INFO", ""), max_body)):
            return refuse(environ, start_response, "413 Payload Too Large",
                          f"body over {limit} bytes")
        try:
            return app(environ, start_response)
        except TimeoutError:
            log.debug("request body not received in time: %s", environ.get("PATH_INFO"))
            return _refusal(start_response, "408 Request Timeout", "request body not received in time",
                          sys.exc_info())

    return limited


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
