"""How often one client may call a route: a token bucket per key, in memory, 429 beyond.

Each key (a client address, a bearer token) has a bucket of `burst` requests that refills at
`per_minute`; a request finding it empty is refused with the seconds until the next token. The
buckets live in the process: under gunicorn each worker counts on its own, so N workers allow
N times the rate. At most `max_keys` keys are remembered (the least recently seen are dropped).
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from web.hardening import CONNECTION_KEY, WsgiApp

MAX_KEYS = 10_000


@dataclass
class _Bucket:
    tokens: float
    at: float


class TokenBuckets:
    """Token buckets per key: `burst` requests at once, then `per_minute` a minute."""

    def __init__(self, per_minute: float, burst: int, *, max_keys: int = MAX_KEYS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute <= 0 or burst < 1:
            raise ValueError("a rate limit needs a positive rate and a burst of at least 1")
        self.per_second, self.burst = per_minute / 60.0, burst
        self.max_keys, self.clock = max_keys, clock
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._buckets)

    def take(self, key: str) -> float:
        """0 when the key may go ahead (a token taken), else the seconds until it may."""
        now = self.clock()
        with self._lock:
            bucket = self._buckets.pop(key, None) or _Bucket(float(self.burst), now)
            self._buckets[key] = bucket
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.per_second)
            bucket.at = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0
            return (1 - bucket.tokens) / self.per_second


def too_many(start_response: Callable, wait: float) -> Iterable[bytes]:
    """429 with Retry-After (whole seconds, at least 1) and a JSON reason."""
    seconds = max(1, math.ceil(wait))
    body = json.dumps({"error": f"too many requests; retry after {seconds} s"}).encode()
    start_response("429 Too Many Requests", [("Content-Type", "application/json; charset=utf-8"),
                                             ("Content-Length", str(len(body))),
                                             ("Retry-After", str(seconds))])
    return [body]


def client_address(environ: dict) -> str:
    """The address the request came from (behind a reverse proxy: the proxy's)."""
    return environ.get("REMOTE_ADDR") or "unknown"


def limit_by(app: WsgiApp, buckets: TokenBuckets,
             key: Callable[[dict], str] = client_address) -> WsgiApp:
    """`app` behind the buckets: a request whose key has no token left gets 429 unread."""

    def limited(environ: dict, start_response: Callable) -> Iterable[bytes]:
        wait = buckets.take(key(environ))
        if wait > 0:
            connection = environ.get(CONNECTION_KEY)
            if connection is not None and (environ.get("CONTENT_LENGTH") or "0").strip() not in ("", "0"):
                connection.unread_body = True  # a body left unread: close gently (web.server)
            return too_many(start_response, wait)
        return app(environ, start_response)

    return limited
