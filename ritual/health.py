"""Is this server ready: the database answers, its schema is the code's, the scheduler ticks."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError

from ritual.deps import Deps
from storage.health import due_backlog, head_revision, last_tick, ping, record_tick, schema_revision

log = logging.getLogger(__name__)
STALE_TICK = timedelta(minutes=2)


@dataclass(frozen=True)
class Readiness:
    """Ready when `problem` is None; else a short code and a detail for the operator."""

    problem: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class SchedulerState:
    """Seconds since a scheduler last ticked (None: never), and the workspaces due now."""

    lag_seconds: float | None
    due_backlog: int


def mark_tick(deps: Deps) -> None:
    """Record the scheduler's tick; a database that cannot be reached is logged, not raised."""
    try:
        record_tick(deps.db, deps.now())
    except SQLAlchemyError:
        log.warning("could not record the scheduler's tick", exc_info=True)


def readiness(deps: Deps) -> Readiness:
    """The first reason this server is not ready, or a Readiness without a problem."""
    try:
        ping(deps.db)
        revision, tick = schema_revision(deps.db), last_tick(deps.db)
    except SQLAlchemyError as error:
        return Readiness("database_unreachable", type(getattr(error, "orig", None) or error).__name__)
    head = head_revision()
    if revision != head:
        return Readiness("schema_not_at_head", f"database at {revision or 'no schema'}, code at {head}")
    if tick is None:
        return Readiness("scheduler_not_ticking", "the scheduler has not ticked yet")
    age = deps.now() - tick
    if age > STALE_TICK:
        return Readiness("scheduler_not_ticking",
                         f"the scheduler last ticked {int(age.total_seconds())} s ago")
    return Readiness()


def scheduler_state(deps: Deps) -> SchedulerState:
    """The scheduler's lag and the due backlog, read from the database."""
    now = deps.now()
    tick = last_tick(deps.db)
    with deps.db.reader() as session:
        backlog = due_backlog(session, now)
    return SchedulerState(None if tick is None else (now - tick).total_seconds(), backlog)
