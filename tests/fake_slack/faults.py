"""Failures injected into the fake Slack: per method, for the next call(s)."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler

from tests.fake_slack.records import FAULTS, MAX_HOLD, TIMEOUT_HOLD, UPLOAD, Failure


class FaultInjection:
    """The failure half of `FakeSlack` (its lock, failures and held requests)."""

    def fail_next(self, method: str, error: str = "channel_not_found", times: int = 1) -> None:
        self._failures.append(Failure(method, error, times))

    def rate_limit_next(self, method: str, retry_after: int = 1, times: int = 1,
                        after: bool = False) -> None:
        self._failures.append(Failure(method, "ratelimited", times, 429, retry_after,
                                      after=after, kind="rate_limited"))

    def http_error_next(self, method: str, status: int = 500, times: int = 1,
                        after: bool = False) -> None:
        """An HTTP error status with an HTML body, as a load balancer in front of Slack sends."""
        self._failures.append(Failure(method, "internal_error", times, status, after=after,
                                      kind=f"http_{status}"))

    def reset_next(self, method: str, times: int = 1, after: bool = False) -> None:
        """Reset the connection (TCP RST) instead of answering."""
        self._failures.append(Failure(method, "reset", times, mode="reset", after=after,
                                      kind="reset"))

    def reset_after_next(self, method: str, times: int = 1) -> None:
        """Slack does the work (stores the message, completes the file), then the reset."""
        self.reset_next(method, times, after=True)

    def timeout_next(self, method: str, seconds: float = TIMEOUT_HOLD, times: int = 1,
                     after: bool = False) -> None:
        """Hold the request for `seconds` (make it longer than the client's timeout), then
        drop the connection without an answer."""
        self._failures.append(Failure(method, "timeout", times, mode="hold", after=after,
                                      hold=min(seconds, MAX_HOLD), kind="timeout"))

    def hang_next(self, method: str, times: int = 1, after: bool = False,
                  seconds: float = MAX_HOLD) -> None:
        """Hold the request until `release()` (at most `seconds`), then drop it."""
        self._failures.append(Failure(method, "hang", times, mode="hold", after=after,
                                      hold=min(seconds, MAX_HOLD), kind="hang"))

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Slack does the work at once but answers only after `seconds` (or on `release()`)."""
        self._failures.append(Failure(method, "slow", times, mode="delay", after=True,
                                      hold=min(seconds, MAX_HOLD), kind="slow"))

    def inject(self, method: str, fault: str, times: int = 1, after: bool = False,
               timeout_hold: float = TIMEOUT_HOLD, retry_after: int = 1) -> None:
        """One of FAULTS (http_500, rate_limited, reset, timeout) by name."""
        if fault == "http_500":
            self.http_error_next(method, 500, times, after)
        elif fault == "rate_limited":
            self.rate_limit_next(method, retry_after, times, after)
        elif fault == "reset":
            self.reset_next(method, times, after)
        elif fault == "timeout":
            self.timeout_next(method, timeout_hold, times, after)
        else:
            raise ValueError(f"unknown fault {fault!r}; one of {FAULTS}")

    def pending_failures(self, method: str | None = None) -> int:
        """Injected failures not yet triggered."""
        with self._lock:
            return sum(f.times for f in self._failures if method in (None, f.method))

    def clear_failures(self) -> None:
        with self._lock:
            self._failures.clear()

    def held(self) -> list[str]:
        """The methods of the requests held right now (timeout, hang)."""
        with self._lock:
            return list(self._held)

    def wait_held(self, method: str, timeout: float = 30.0) -> None:
        """Block until a request to `method` is being held."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if method in self.held():
                return
            time.sleep(0.01)
        raise AssertionError(f"no {method} request held within {timeout} s (held: {self.held()})")

    def release(self) -> None:
        """Let every held request go (each is then dropped without an answer)."""
        with self._lock:
            holds, self._holds = self._holds, []
        for hold in holds:
            hold.set()

    def _take_failure(self, method: str) -> Failure | None:
        with self._lock:
            for failure in self._failures:
                if failure.method == method and failure.times > 0:
                    failure.times -= 1
                    self.injected.append((method, failure.kind, failure.after))
                    return failure
        return None

    def _fault(self, request: BaseHTTPRequestHandler, failure: Failure, method: str,
               answer: dict | None = None) -> None:
        """Answer (or not) as the failure says."""
        if failure.mode in ("hold", "delay"):
            release = threading.Event()
            with self._lock:
                self._holds.append(release)
                self._held.append(method)
            try:
                release.wait(failure.hold)
            finally:
                with self._lock:
                    self._held.remove(method)
                    with contextlib.suppress(ValueError):
                        self._holds.remove(release)
            if failure.mode == "delay":  # slow, but answered
                if method == UPLOAD:
                    return self._reply(request, 200, {}, text="OK")
                return self._reply(request, 200, answer or {"ok": True})
            return self._reset(request)
        if failure.mode == "reset":
            return self._reset(request)
        headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
        if failure.status >= 500:
            return self._reply(request, failure.status, {}, headers,
                               text="<html><body><h1>500 Internal Server Error</h1></body></html>",
                               content_type="text/html")
        if method == UPLOAD:
            return self._reply(request, failure.status, {}, headers, text=failure.error)
        return self._reply(request, failure.status, {"ok": False, "error": failure.error}, headers)

    @staticmethod
    def _reset(request: BaseHTTPRequestHandler) -> None:
        """Close the connection with a TCP reset and without a byte of answer."""
        request.close_connection = True
        with contextlib.suppress(OSError):
            request.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                          struct.pack("ii", 1, 0))
        with contextlib.suppress(OSError):
            request.rfile.close()
        with contextlib.suppress(OSError):
            request.connection.close()
