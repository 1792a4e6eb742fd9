"""Nudges: the day before the digest, a direct message only to owners of missing inputs.

An idempotent tick, like the digest's: each person's nudge of a week is claimed with a unique
row before anything is sent, so two processes, a second run or a restart never send twice.
A send that failed (Slack refused it, the workspace's client could not be had, anything else
raised) is retried after a backoff, and a retry first looks in the person's DM for the nudge
(message metadata) and adopts it; one person's failure never holds up the others. A claim whose
process died mid-send is never retried: one nudge missing is better than two.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from metrics.report import missing_inputs
from metrics.totals import window_totals
from metrics.weeks import IsoWeek
from ritual.context import local_now, workspace_for_team
from ritual.deps import Deps
from ritual.owners import INPUTS, Gap, week_gaps
from ritual.schedule import last_scheduled, process_name
from ritual.workspace_settings import WEEKDAY_KEYS, SettingError, parse_nudge
from storage.frames import load_inputs
from storage.models import Workspace
from storage.nudges import claim_nudge, mark_failed, mark_sent, nudges_of_week, reclaim_nudge
from storage.owners import add_known_none, is_paused
from storage.workspaces import all_workspaces

log = logging.getLogger(__name__)
DEFAULT_TIME = "15:00"


class NudgeFailed(Exception):
    """Sending a nudge failed; `reason` is Slack's error code or the network's."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class NudgeMessage:
    """What one person is asked for: the week and the inputs they own that are missing."""

    workspace_id: str
    user_id: str
    week: IsoWeek
    inputs: list[str]
    lang: str
    day: date  # the day the entry forms are prefilled with


class NudgeSender(Protocol):
    """What delivers nudges (the Slack adapter)."""

    def send(self, message: NudgeMessage) -> tuple[str, str]: ...

    def find(self, message: NudgeMessage) -> tuple[str, str] | None: ...


@dataclass(frozen=True)
class NudgeDue:
    week: IsoWeek
    moment: datetime
    until: datetime  # the digest moment: later, a nudge is pointless


def nudge_time(workspace: Workspace) -> tuple[int, str] | None:
    """(weekday, HH:MM) of the nudge; None when off. Default: the day before the digest, 15:00."""
    if not workspace.nudge:
        return (workspace.digest_weekday - 1) % 7, DEFAULT_TIME
    try:
        value = parse_nudge(workspace.nudge.split())
    except SettingError:
        log.warning("nudge setting %r of %s unreadable; using the default", workspace.nudge,
                    workspace.id)
        return (workspace.digest_weekday - 1) % 7, DEFAULT_TIME
    if value == "off":
        return None
    day, clock = value.split()
    return WEEKDAY_KEYS.index(day), clock


def _at(day: date, clock: str, zone: ZoneInfo) -> datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def due_nudge(workspace: Workspace, now: datetime) -> NudgeDue | None:
    """The nudge moment at or before now and the week of the digest that follows it; None when
    off or when that digest's moment has passed."""
    when = nudge_time(workspace)
    if when is None:
        return None
    zone, (weekday, clock) = ZoneInfo(workspace.timezone), when
    local = now.astimezone(zone)
    day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
    moment = _at(day, clock, zone)
    if moment > local:
        moment = _at(day - timedelta(days=7), clock, zone)
    digest_before = last_scheduled(workspace, moment)
    digest = _at(digest_before.date() + timedelta(days=7), workspace.digest_time, zone)
    if now >= digest:
        return None
    return NudgeDue(IsoWeek.of(digest.date()).previous(), moment, digest)


def nudge_plan(session: Session, workspace: Workspace, week: IsoWeek,
               today: date) -> dict[str, list[str]]:
    """Owner → their missing inputs of the week (none known-none, owners away left out)."""
    inputs = load_inputs(session, workspace.id, since=week.start)
    missing = missing_inputs(window_totals(inputs, week.start, week.end))
    gaps, _ = week_gaps(session, workspace, week, missing, today)
    return _by_owner(gaps)


def _by_owner(gaps: list[Gap]) -> dict[str, list[str]]:
    plan: dict[str, list[str]] = defaultdict(list)
    for gap in gaps:
        if gap.owner and not gap.away:
            plan[gap.owner].append(gap.input)
    return dict(plan)


def tick(deps: Deps, sender: NudgeSender, claimer: str | None = None) -> list[tuple[str, str]]:
    """One pass over every workspace; returns (workspace, person) of each nudge sent."""
    now, claimer = deps.now(), claimer or process_name()
    with deps.db.reader() as session:
        workspace_ids = [w.id for w in all_workspaces(session)
                         if w.kpi_channel and w.uninstalled_at is None and not w.demo]
    sent = []
    for workspace_id in workspace_ids:
        try:
            sent += [(workspace_id, user) for user in
                     nudge_workspace(deps, sender, workspace_id, claimer, now)]
        except Exception:
            log.exception("nudge tick failed for workspace %s; the others go on", workspace_id)
    return sent


def _open_nudges(deps: Deps, workspace_id: str,
                 now: datetime) -> tuple[IsoWeek, dict[str, list[str]], str, date] | None:
    """(week, owner → missing inputs, language, form day) of the people still to nudge now;
    read only, so the minute's tick takes no write lock unless someone is due."""
    with deps.db.reader() as session:
        workspace = session.get(Workspace, workspace_id)
        due = due_nudge(workspace, now)
        if due is None or due.moment < workspace.created_at or is_paused(
                session, workspace_id, str(due.week)):
            return None
        today = local_now(workspace, now).date()
        existing = nudges_of_week(session, workspace_id, str(due.week))
        plan = {user: names for user, names in
                nudge_plan(session, workspace, due.week, today).items()
                if user not in existing or _retry_due(existing[user], now)}
        return (due.week, plan, workspace.language, min(due.week.end, today)) if plan else None


def _retry_due(nudge, now: datetime) -> bool:
    return nudge.status == "failed" and nudge.next_attempt_at <= now


def _claims(deps: Deps, workspace_id: str, claimer: str,
            now: datetime) -> list[tuple[int, NudgeMessage, bool]]:
    """Claim the due nudges of a workspace: (nudge id, message, is a retry) of each this
    process sends."""
    found = _open_nudges(deps, workspace_id, now)
    if found is None:
        return []
    week, plan, lang, day = found
    claimed = []
    with deps.db.session() as session:
        existing = nudges_of_week(session, workspace_id, str(week))
        for user, names in sorted(plan.items()):
            nudge = existing.get(user)
            if nudge is None:
                nudge = claim_nudge(session, workspace_id, str(week), user, names, claimer, now)
            elif not reclaim_nudge(session, nudge, names, claimer, now):
                nudge = None
            if nudge is not None:
                message = NudgeMessage(workspace_id, user, week, names, lang, day)
                claimed.append((nudge.id, message, nudge.attempts > 1))
    return claimed


def nudge_workspace(deps: Deps, sender: NudgeSender, workspace_id: str, claimer: str,
                    now: datetime) -> list[str]:
    """Send the workspace's claimed nudges; the people reached."""
    reached = []
    for nudge_id, message, retry in _claims(deps, workspace_id, claimer, now):
        try:
            found = sender.find(message) if retry else None
            channel, ts = found or sender.send(message)
        except Exception as error:  # any failure is retried, never left claimed
            reason = error.reason if isinstance(error, NudgeFailed) else repr(error)
            log.warning("nudge of %s for %s failed: %s", message.user_id, message.week, reason,
                        exc_info=not isinstance(error, NudgeFailed))
            with deps.db.session() as session:
                mark_failed(session, nudge_id, reason, now)
            continue
        with deps.db.session() as session:
            mark_sent(session, nudge_id, channel, ts, now)
        reached.append(message.user_id)
    return reached


def nothing_this_week(deps: Deps, team_id: str, user_id: str, week: str,
                      name: str) -> tuple[bool, str]:
    """Record an input as known to be none in a week; (newly recorded, language)."""
    week = str(IsoWeek.parse(week))
    if name not in INPUTS:
        raise ValueError(f"not an input: {name!r}")
    now = deps.now()
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, now)
        added = add_known_none(session, team_id, week, name, user_id, now)
        return added, workspace.language
