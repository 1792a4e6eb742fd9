"""Every metric northstar exports (Prometheus text format), and the functions that record them.

Recorded at the edges only (listeners, the Slack senders, the scheduler job, the ingestion
endpoint through its callback); the use cases know nothing of it. The metrics are created on
first use, so that a server can switch to prometheus_client's multiprocess mode (gunicorn's
workers count into files of one folder) before anything is counted.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client import values as prometheus_values
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from sqlalchemy.exc import SQLAlchemyError

from ritual.deps import Deps
from ritual.health import scheduler_state

log = logging.getLogger(__name__)
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
TEMP_PREFIX = "northstar-metrics-"
COMMAND_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
DIGEST_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
EVENT_RESULTS = ("accepted", "duplicate", "rejected")
DIGEST_OUTCOMES = ("posted", "failed", "retried")
UPLOAD_OUTCOMES = ("uploaded", "failed")
NUDGE_OUTCOMES = ("sent", "failed")


@dataclass(frozen=True)
class Instruments:
    """The counters and histograms of one process."""

    registry: CollectorRegistry | None
    commands: Counter
    command_seconds: Histogram
    events: Counter
    digests: Counter
    digest_seconds: Histogram
    chart_uploads: Counter
    nudges: Counter


@cache
def instruments() -> Instruments:
    """This process's metrics (unregistered in multiprocess mode: the files are the registry)."""
    registry = None if os.environ.get(MULTIPROC_ENV) else CollectorRegistry()
    made = Instruments(
        registry=registry,
        commands=Counter("northstar_commands", "Slash commands handled, by command and outcome",
                         ["kind", "outcome"], registry=registry),
        command_seconds=Histogram("northstar_command_seconds", "Time to handle a slash command",
                                  ["kind"], buckets=COMMAND_BUCKETS, registry=registry),
        events=Counter("northstar_events_ingested", "Events pushed to the ingestion API, by result",
                       ["result"], registry=registry),
        digests=Counter("northstar_digests", "Weekly digests posted, failed, and retry attempts",
                        ["outcome"], registry=registry),
        digest_seconds=Histogram("northstar_digest_seconds",
                                 "Time to build and post one digest (data, text, Slack's answer)",
                                 buckets=DIGEST_BUCKETS, registry=registry),
        chart_uploads=Counter("northstar_chart_uploads", "Digest threads with charts uploaded, or failed",
                              ["outcome"], registry=registry),
        nudges=Counter("northstar_nudges", "Nudges sent as direct messages, or failed",
                       ["outcome"], registry=registry),
    )
    for counter, labels in ((made.events, EVENT_RESULTS), (made.digests, DIGEST_OUTCOMES),
                            (made.chart_uploads, UPLOAD_OUTCOMES), (made.nudges, NUDGE_OUTCOMES)):
        for label in labels:
            counter.labels(label)  # present (at 0) before the first one happens
    return made


def use_multiprocess_dir() -> Path:
    """Count into files shared by the worker processes: in PROMETHEUS_MULTIPROC_DIR (emptied of
    an earlier run's files), or, when it is unset, a new temporary folder removed at exit."""
    given = os.environ.get(MULTIPROC_ENV)
    if given:
        folder = Path(given)
        folder.mkdir(parents=True, exist_ok=True)
        for kind in ("counter", "gauge", "histogram", "summary"):
            for stale in folder.glob(f"{kind}_*.db"):
                stale.unlink(missing_ok=True)
    else:
        _remove_orphans(Path(tempfile.gettempdir()))
        folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-"))
        os.environ[MULTIPROC_ENV] = str(folder)
        owner = os.getpid()  # forked workers inherit atexit handlers: only the server removes it
        atexit.register(lambda: os.getpid() == owner and shutil.rmtree(folder, ignore_errors=True))
    prometheus_values.ValueClass = prometheus_values.get_value_class()
    instruments.cache_clear()
    return folder


def _remove_orphans(temp: Path) -> None:
    """Remove the folders of servers that died without cleaning up (SIGKILL)."""
    for folder in temp.glob(f"{TEMP_PREFIX}*-*"):
        pid = folder.name.removeprefix(TEMP_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def handle_command(kind: str, handle: Callable[[], str | None]) -> None:
    """Run a command's handler, timed and counted by the outcome it returns ("ok" for None,
    "error" when it raises)."""
    started = time.perf_counter()
    outcome = "error"
    try:
        outcome = handle() or "ok"
    finally:
        made = instruments()
        made.commands.labels(kind, outcome).inc()
        made.command_seconds.labels(kind).observe(time.perf_counter() - started)


def count_ingestion(accepted: int, duplicates: int, rejected: int) -> None:
    """Count one ingestion request's events by result."""
    events = instruments().events
    for result, count in zip(EVENT_RESULTS, (accepted, duplicates, rejected), strict=True):
        if count:
            events.labels(result).inc(count)


def count_digest(outcome: str) -> None:
    """One digest `posted`, `failed`, or `retried` (an attempt after a failed one)."""
    instruments().digests.labels(outcome).inc()


@contextmanager
def timing_digest() -> Iterator[None]:
    """Time building and posting one digest."""
    started = time.perf_counter()
    try:
        yield
    finally:
        instruments().digest_seconds.observe(time.perf_counter() - started)


def count_chart_upload(outcome: str) -> None:
    """One digest thread's charts `uploaded` or `failed`."""
    instruments().chart_uploads.labels(outcome).inc()


def count_nudge(outcome: str) -> None:
    """One nudge `sent` or `failed`."""
    instruments().nudges.labels(outcome).inc()


class SchedulerCollector:
    """Gauges read from the database at each scrape, the same whichever worker answers."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    def collect(self) -> Iterable[Metric]:
        up = GaugeMetricFamily("northstar_database_up", "1 when the database answered this scrape")
        try:
            state = scheduler_state(self.deps)
        except SQLAlchemyError:
            log.warning("metrics: the database did not answer", exc_info=True)
            up.add_metric([], 0)
            return [up]
        up.add_metric([], 1)
        lag = GaugeMetricFamily("northstar_scheduler_lag_seconds",
                                "Seconds since a scheduler last ticked (every minute when healthy)")
        if state.lag_seconds is not None:
            lag.add_metric([], state.lag_seconds)
        backlog = GaugeMetricFamily("northstar_due_backlog",
                                    "Workspaces the scheduler should look at now and has not yet")
        backlog.add_metric([], state.due_backlog)
        return [up, lag, backlog]


def exposition(deps: Deps) -> tuple[bytes, str]:
    """The metrics of every process of this server, and their content type."""
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get(MULTIPROC_ENV):
        MultiProcessCollector(registry)
    else:
        registry.register(instruments().registry)
    registry.register(SchedulerCollector(deps))
    return generate_latest(registry), CONTENT_TYPE_LATEST
