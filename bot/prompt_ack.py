"""Answer Slack the moment a listener acks, instead of at Bolt's next 10 ms poll.

Bolt (with `process_before_response=False`, so that slow work can follow the ack) starts each
listener on its executor and then polls `ack.response` every 10 ms: an ack that took 1 ms is
answered after 10 (the whole of the ~11 ms measured for a slash command). Two public hooks
remove the wait: a middleware gives the request an `Ack` that signals when it is called, and
the listener executor's `submit` returns once the listener it started has acked (or ended,
at most `ack_timeout` later), so Bolt's loop finds the answer on its first look. Everything
after the ack still runs on the executor, as before.

A listener whose ack is the last thing it does (`/cost 12 tools` stores, then answers) need not
go to another thread at all: its listener middleware `InlineWhen(...)` has the executor run it
in the request's own thread, which saves the hand-off between threads (and the wait for the
interpreter lock that comes with it) on the path a person waits for.

Both are Bolt `Middleware` classes rather than plain functions: Bolt calls a class's `process`
directly, where a function first gets every argument it might ask for built for it (a third of
Bolt's own time per request went to that, for four functions).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from slack_bolt.context.ack import Ack
from slack_bolt.middleware import Middleware
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

ACK_TIMEOUT = 3.0
_pending = threading.local()


class SignallingAck(Ack):
    """Bolt's Ack, which also sets `called`."""

    def __init__(self) -> None:
        super().__init__()
        self.called = threading.Event()

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        finally:
            self.called.set()


class SignallingAckMiddleware(Middleware):
    """Middleware (register it first): this request's ack signals, and the next listener
    started from this thread is waited for until it acks. (Bolt runs middleware one after
    the other, not nested, so the pending ack stays set until `submit` takes it; a request
    that starts no listener leaves an already answered or unused one, which the next
    request's middleware replaces.)"""

    def process(self, *, req: BoltRequest, resp: BoltResponse,
                next: Callable[[], BoltResponse]) -> BoltResponse | None:  # noqa: A002 - Bolt's name
        ack = SignallingAck()
        req.context["ack"] = ack
        _pending.ack = ack
        _pending.inline = False
        return next()


signalling_ack = SignallingAckMiddleware()


class InlineWhen(Middleware):
    """Listener middleware: when `condition(body)` holds, the listener runs in the request's
    thread (use it only where nothing slow follows the ack)."""

    def __init__(self, condition: Callable[[dict], bool]) -> None:
        self.condition = condition

    def process(self, *, req: BoltRequest, resp: BoltResponse,
                next: Callable[[], BoltResponse]) -> BoltResponse | None:  # noqa: A002 - Bolt's name
        _pending.inline = bool(self.condition(req.body))
        return next()


def _run_here(fn, /, *args, **kwargs) -> Future:
    """Run `fn` in this thread; its outcome as a finished Future."""
    future: Future = Future()
    try:
        future.set_result(fn(*args, **kwargs))
    except BaseException as error:  # noqa: BLE001 - handed to the Future, as the pool would
        future.set_exception(error)
    return future


class AckWaitingExecutor(ThreadPoolExecutor):
    """A thread pool whose `submit` from a request's thread returns once the listener acked."""

    def __init__(self, max_workers: int = 16, ack_timeout: float = ACK_TIMEOUT) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="bolt-listener")
        self.ack_timeout = ack_timeout

    def submit(self, fn, /, *args, **kwargs) -> Future:
        ack: SignallingAck | None = getattr(_pending, "ack", None)
        _pending.ack = None  # only the listener itself; lazy functions are not waited for
        if getattr(_pending, "inline", False):
            _pending.inline = False
            return _run_here(fn, *args, **kwargs)
        future = super().submit(fn, *args, **kwargs)
        if ack is not None:
            future.add_done_callback(lambda _: ack.called.set())
            ack.called.wait(self.ack_timeout)
        return future
