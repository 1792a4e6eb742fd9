"""A workspace's own metrics (`/kpi metric add`) and its own three focus questions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UtcDateTime


class OwnMetric(Base):
    """A metric a workspace defined: its key, label, aggregation and unit."""

    __tablename__ = "own_metrics"
    __table_args__ = (UniqueConstraint("workspace_id", "key", name="uq_own_metrics_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(100))
    aggregation: Mapped[str] = mapped_column(String(8))  # sum | level | median
    unit: Mapped[str] = mapped_column(String(8))  # count | money | percent | minutes
    created_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class FocusQuestions(Base):
    """The three focus questions a workspace set instead of the defaults."""

    __tablename__ = "focus_questions"

    workspace_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True)
    first: Mapped[str] = mapped_column(String(300))
    second: Mapped[str] = mapped_column(String(300))
    third: Mapped[str] = mapped_column(String(300))
    set_by: Mapped[str | None] = mapped_column(String(64))
    set_at: Mapped[datetime] = mapped_column(UtcDateTime())
