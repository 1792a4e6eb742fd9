"""The edit audit trail of entries, and the dated history of goals."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import MONEY, Base, UtcDateTime


class EntryEdit(Base):
    """One field of an entry changed by an edit: who, when, old → new (as plain text)."""

    __tablename__ = "entry_edits"
    __table_args__ = (
        Index("ix_entry_edits_entry", "entry_id", "id"),
        Index("ix_entry_edits_ws_at", "workspace_id", "edited_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"))
    edited_by: Mapped[str | None] = mapped_column(String(64))  # None once the person is forgotten
    edited_at: Mapped[datetime] = mapped_column(UtcDateTime())
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class GoalChange(Base):
    """A KPI's target from a week on (None: cleared); the newest row of a week wins."""

    __tablename__ = "goal_history"
    __table_args__ = (UniqueConstraint("workspace_id", "kpi", "valid_from",
                                       name="uq_goal_history_week"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    kpi: Mapped[str] = mapped_column(String(64))
    valid_from: Mapped[date] = mapped_column(Date)
    target: Mapped[Decimal | None] = mapped_column(MONEY)
    set_by: Mapped[str | None] = mapped_column(String(64))
    set_at: Mapped[datetime] = mapped_column(UtcDateTime())
