"""The weekly KPI inputs kept per workspace and week, and the marks that make them stale
(migration 0013; the marks are written by database triggers)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base


class WeeklyInputs(Base):
    """What was recorded in one ISO week of a workspace (metrics/kept_totals.py JSON)."""

    __tablename__ = "weekly_inputs"

    workspace_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True)
    week_start: Mapped[date] = mapped_column(Date, primary_key=True)
    week_end: Mapped[date] = mapped_column(Date)
    totals: Mapped[str] = mapped_column(Text)


class WeeklyInputMark(Base):
    """Days of a workspace whose kept weeks are stale (a change was committed there)."""

    __tablename__ = "weekly_input_marks"
    __table_args__ = (Index("ix_weekly_input_marks_ws_last", "workspace_id", "last_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
