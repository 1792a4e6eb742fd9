"""Owners, pauses, away people and known-none inputs: reads and writes, no Slack."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from metrics.vocabulary import RECORDED_METRICS
from storage.models import Entry
from storage.owners_tables import AwayPerson, InputOwner, KnownNone, PausedWeek

OWNABLE_INPUTS: tuple[str, ...] = (*RECORDED_METRICS, "costs", "hours")


def explicit_owners(session: Session, workspace_id: str) -> dict[str, str]:
    """subject (input or KPI) → user id, as set by people."""
    rows = session.execute(select(InputOwner.subject, InputOwner.user_id)
                           .where(InputOwner.workspace_id == workspace_id))
    return {subject: user for subject, user in rows}


def set_owner(session: Session, workspace_id: str, subject: str, user_id: str | None,
              set_by: str, now: datetime) -> None:
    """Give a subject an owner, or (None) take it away."""
    row = session.scalar(select(InputOwner).where(InputOwner.workspace_id == workspace_id,
                                                  InputOwner.subject == subject))
    if user_id is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        session.add(InputOwner(workspace_id=workspace_id, subject=subject, user_id=user_id,
                               set_by=set_by, set_at=now))
    else:
        row.user_id, row.set_by, row.set_at = user_id, set_by, now
    session.flush()


def _input_filter(name: str):
    if name == "costs":
        return Entry.kind == "cost"
    if name == "hours":
        return Entry.kind == "hours"
    return or_(and_(Entry.kind == "metric", Entry.metric == name),
               and_(Entry.kind == "cost", Entry.category == name))


def top_recorder(session: Session, workspace_id: str, name: str, start: date,
                 end: date) -> str | None:
    """Who recorded an input most often between start and end (ties: the latest to record it)."""
    count = func.count(Entry.id)
    row = session.execute(
        select(Entry.entered_by, count).where(
            Entry.workspace_id == workspace_id, Entry.deleted_at.is_(None),
            Entry.entered_by.is_not(None), Entry.occurred_on >= start, Entry.occurred_on <= end,
            _input_filter(name))
        .group_by(Entry.entered_by).order_by(count.desc(), func.max(Entry.id).desc()).limit(1)
    ).first()
    return row[0] if row else None


def top_recorders(session: Session, workspace_id: str, names: list[str], start: date,
                  end: date) -> dict[str, str | None]:
    """`top_recorder` of several inputs in one query (one pass over the window's entries)."""
    count, latest = func.count(Entry.id), func.max(Entry.id)
    rows = session.execute(
        select(Entry.kind, Entry.metric, Entry.category, Entry.entered_by, count, latest).where(
            Entry.workspace_id == workspace_id, Entry.deleted_at.is_(None),
            Entry.entered_by.is_not(None), Entry.occurred_on >= start, Entry.occurred_on <= end)
        .group_by(Entry.kind, Entry.metric, Entry.category, Entry.entered_by)).all()
    found = {}
    for name in names:
        tally: dict[str, list[int]] = {}
        for kind, metric, category, user, number, last in rows:
            if _counts_for(name, kind, metric, category):
                mine = tally.setdefault(user, [0, 0])
                mine[0] += number
                mine[1] = max(mine[1], last)
        found[name] = max(tally, key=lambda user: tally[user]) if tally else None
    return found


def _counts_for(name: str, kind: str, metric: str | None, category: str | None) -> bool:
    """Whether an entry of this kind, metric and category records the input (`_input_filter`)."""
    if name in ("costs", "hours"):
        return kind == {"costs": "cost", "hours": "hours"}[name]
    return (kind == "metric" and metric == name) or (kind == "cost" and category == name)


def paused_weeks(session: Session, workspace_id: str) -> set[str]:
    return set(session.scalars(select(PausedWeek.week)
                               .where(PausedWeek.workspace_id == workspace_id)))


def is_paused(session: Session, workspace_id: str, week: str) -> bool:
    return session.scalar(select(PausedWeek.id).where(
        PausedWeek.workspace_id == workspace_id, PausedWeek.week == week)) is not None


def pause_weeks(session: Session, workspace_id: str, weeks: list[str], set_by: str,
                now: datetime) -> None:
    known = paused_weeks(session, workspace_id)
    for week in weeks:
        if week not in known:
            session.add(PausedWeek(workspace_id=workspace_id, week=week, set_by=set_by,
                                   set_at=now))
    session.flush()


def unpause_from(session: Session, workspace_id: str, week: str) -> int:
    """Resume: drop the pauses of this week and later ones; how many were dropped."""
    result = session.execute(delete(PausedWeek).where(PausedWeek.workspace_id == workspace_id,
                                                      PausedWeek.week >= week))
    return result.rowcount


def unpause_week(session: Session, workspace_id: str, week: str) -> int:
    """Lift one week's pause (a past one too); 1 when it was paused, else 0."""
    result = session.execute(delete(PausedWeek).where(PausedWeek.workspace_id == workspace_id,
                                                      PausedWeek.week == week))
    return result.rowcount


def away_until(session: Session, workspace_id: str) -> dict[str, date]:
    rows = session.execute(select(AwayPerson.user_id, AwayPerson.until)
                           .where(AwayPerson.workspace_id == workspace_id))
    return {user: until for user, until in rows}


def set_away(session: Session, workspace_id: str, user_id: str, until: date | None,
             now: datetime) -> None:
    """Mark a person away until a day, or (None) back."""
    row = session.scalar(select(AwayPerson).where(AwayPerson.workspace_id == workspace_id,
                                                  AwayPerson.user_id == user_id))
    if until is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        session.add(AwayPerson(workspace_id=workspace_id, user_id=user_id, until=until,
                               set_at=now))
    else:
        row.until, row.set_at = until, now
    session.flush()


def known_none(session: Session, workspace_id: str, week: str) -> set[str]:
    return set(session.scalars(select(KnownNone.input).where(
        KnownNone.workspace_id == workspace_id, KnownNone.week == week)))


def add_known_none(session: Session, workspace_id: str, week: str, name: str, user_id: str,
                   now: datetime) -> bool:
    """Record "nothing this week" for an input; False when it was recorded already."""
    if name in known_none(session, workspace_id, week):
        return False
    try:
        with session.begin_nested():
            session.add(KnownNone(workspace_id=workspace_id, week=week, input=name,
                                  recorded_by=user_id, recorded_at=now))
            session.flush()
    except IntegrityError:  # a second click at the same moment
        return False
    return True
