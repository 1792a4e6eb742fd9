"""gunicorn's threaded worker, with a time limit on every read from a client.

gunicorn's `gthread` worker waits for a new connection's first bytes without holding a thread
for long, but then reads headers and body with blocking reads that never time out: a client
that sends one byte and stalls, or dribbles, would keep a thread forever. Here each read
waits at most `TIMEOUT` seconds, and a request must have arrived within `REQUEST_DEADLINE`.
A read past either raises a `TimeoutError` that gunicorn treats like a reset connection (it
closes it, logged at debug level); inside the application `web.hardening.limit_requests` turns
it into 408.
"""

from __future__ import annotations

import errno
import socket
import time

from gunicorn.workers.gthread import ThreadWorker

from web.hardening import REQUEST_DEADLINE, TIMEOUT


class DeadlineSocket(socket.socket):
    """A client connection whose blocking reads wait at most `idle` seconds each and fail
    once `deadline` (time.monotonic) has passed."""

    idle: float = TIMEOUT
    deadline: float = float("inf")

    @classmethod
    def adopt(cls, sock: socket.socket) -> DeadlineSocket:
        timeout = sock.gettimeout()
        adopted = cls(sock.family, sock.type, sock.proto, fileno=sock.detach())
        adopted.settimeout(timeout)
        return adopted

    def _bound(self) -> None:
        if self.gettimeout() == 0.0:  # non-blocking, the poller's use: nothing waits
            return
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(errno.ECONNRESET, "request not received before its deadline")
        self.settimeout(min(self.idle, remaining))

    def recv(self, size: int, flags: int = 0) -> bytes:
        self._bound()
        try:
            return super().recv(size, flags)
        except TimeoutError as error:
            raise TimeoutError(errno.ECONNRESET, "client sent nothing in time") from error

    def recv_into(self, buffer, nbytes: int = 0, flags: int = 0) -> int:
        self._bound()
        try:
            return super().recv_into(buffer, nbytes, flags)
        except TimeoutError as error:
            raise TimeoutError(errno.ECONNRESET, "client sent nothing in time") from error


class HardenedThreadWorker(ThreadWorker):
    """`gthread` whose connections time out per read (`idle_timeout`) and per request
    (`request_deadline`, counted from when a thread takes the request)."""

    idle_timeout: float = TIMEOUT
    request_deadline: float = REQUEST_DEADLINE

    def enqueue_req(self, conn) -> None:
        if not isinstance(conn.sock, DeadlineSocket):
            conn.sock = DeadlineSocket.adopt(conn.sock)
        super().enqueue_req(conn)

    def handle(self, conn):
        conn.sock.idle = self.idle_timeout
        conn.sock.deadline = time.monotonic() + self.request_deadline
        return super().handle(conn)
