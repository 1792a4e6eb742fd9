"""Tables of the ritual's people: input owners, paused weeks, away people, known-none inputs,
and the nudges claimed per person and week."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, UtcDateTime


class InputOwner(Base):
    """Who owns an input (a metric, `costs`, `hours`) or a KPI (set with a goal)."""

    __tablename__ = "input_owners"
    __table_args__ = (UniqueConstraint("workspace_id", "subject", name="uq_input_owners"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(String(64))
    set_by: Mapped[str | None] = mapped_column(String(64))
    set_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PausedWeek(Base):
    """An ISO week without digest or nudges, left out of gaps and baselines."""

    __tablename__ = "paused_weeks"
    __table_args__ = (UniqueConstraint("workspace_id", "week", name="uq_paused_weeks"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    week: Mapped[str] = mapped_column(String(8))
    set_by: Mapped[str | None] = mapped_column(String(64))
    set_at: Mapped[datetime] = mapped_column(UtcDateTime())


class AwayPerson(Base):
    """A person away until a day (inclusive, workspace-local): no nudges."""

    __tablename__ = "away_people"
    __table_args__ = (UniqueConstraint("workspace_id", "user_id", name="uq_away_people"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(64))
    until: Mapped[date] = mapped_column(Date)
    set_at: Mapped[datetime] = mapped_column(UtcDateTime())


class KnownNone(Base):
    """"Nothing this week": an input known to have had nothing in a week (not a gap)."""

    __tablename__ = "known_none"
    __table_args__ = (UniqueConstraint("workspace_id", "week", "input", name="uq_known_none"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    week: Mapped[str] = mapped_column(String(8))
    input: Mapped[str] = mapped_column(String(64))
    recorded_by: Mapped[str | None] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Nudge(Base):
    """The claim, then the record, of one person's nudge for one week: at most one DM."""

    __tablename__ = "nudges"
    __table_args__ = (UniqueConstraint("workspace_id", "week", "user_id", name="uq_nudges"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    week: Mapped[str] = mapped_column(String(8))
    user_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12))
    inputs: Mapped[str] = mapped_column(Text)
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    claimed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    channel: Mapped[str | None] = mapped_column(String(32))
    ts: Mapped[str | None] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(Text)
