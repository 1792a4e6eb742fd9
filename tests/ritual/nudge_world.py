"""A small workspace for the nudge and pause tests: Anna records orders and revenue, Ben costs
and leads; in 2026-W47 Ben's inputs are missing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from capture.inputs import CostInput, MetricInput
from metrics.weeks import IsoWeek
from ritual.deps import Deps
from ritual.nudges import NudgeFailed, NudgeMessage
from storage.db import Database
from storage.entries import Provenance, add_entry
from storage.models import Workspace

TEAM, ANNA, BEN = "T0NUDGE", "U0ANNA", "U0BEN"
WEEK = IsoWeek(2026, 47)
NUDGE_MOMENT = datetime(2026, 11, 22, 14, 0, tzinfo=UTC)  # Sunday 15:00 in Berlin
CREATED = datetime(2026, 10, 1, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class FakeSender:
    """Records the DMs that 'Slack' holds and fails on cue ("before" or "after" storing, an
    unexpected "error" before it, a "crash" of the process)."""

    def __init__(self) -> None:
        self.sent: list[NudgeMessage] = []
        self.fail: list[str] = []

    def send(self, message: NudgeMessage) -> tuple[str, str]:
        mode = self.fail.pop(0) if self.fail else None
        if mode == "before":
            raise NudgeFailed("internal_error")
        if mode == "error":
            raise RuntimeError("token refresh: HTTP 500")
        if mode == "crash":
            raise KeyboardInterrupt
        self.sent.append(message)
        if mode == "after":
            raise NudgeFailed("network: reset")
        return "D" + message.user_id, f"{len(self.sent)}.0001"

    def find(self, message: NudgeMessage) -> tuple[str, str] | None:
        for number, sent in enumerate(self.sent, start=1):
            if (sent.user_id, sent.week, sent.workspace_id) == (
                    message.user_id, message.week, message.workspace_id):
                return "D" + sent.user_id, f"{number}.0001"
        return None


def _add(session, team: str, user: str, item, day: date) -> None:
    add_entry(session, team, item, Provenance(user, datetime.combine(day, datetime.min.time(),
                                                                     UTC), "slash"))


def seed_world(db: Database, team: str = TEAM, language: str = "de") -> None:
    with db.session() as session:
        session.add(Workspace(id=team, language=language, timezone="Europe/Berlin",
                              kpi_channel="C0KPI", created_at=CREATED))
        session.flush()
        for week in (WEEK.previous(2), WEEK.previous(), WEEK):
            day = week.start + timedelta(days=2)
            _add(session, team, ANNA, MetricInput("orders", Decimal(40), day), day)
            _add(session, team, ANNA, MetricInput("revenue", Decimal(1900), day), day)
            if week != WEEK:
                _add(session, team, BEN, CostInput(Decimal(300), "ads", "acquisition", None, day), day)
                _add(session, team, BEN, MetricInput("leads", Decimal(30), day), day)


def world(sqlite_url: str) -> tuple[Deps, Clock]:
    db = Database(sqlite_url)
    db.upgrade()
    seed_world(db)
    clock = Clock(NUDGE_MOMENT + timedelta(minutes=1))
    return Deps(db=db, clock=clock), clock
