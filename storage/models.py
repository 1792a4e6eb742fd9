"""SQLAlchemy models: workspaces and their settings, entries, goals, digests, alerts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    event,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

MONEY = Numeric(18, 4)
# A next-due time in the past: "the scheduler looks at this workspace at its next tick".
LOOK_NOW = datetime(1970, 1, 1, tzinfo=UTC)
SCHEDULE_FIELDS = ("timezone", "digest_weekday", "digest_time", "kpi_channel", "created_at")


class UtcDateTime(TypeDecorator):
    """An aware UTC datetime on every database (SQLite keeps no zone, so store UTC and tag it)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass an aware one")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base of every northstar table."""


class Workspace(Base):
    """A Slack workspace (team) and its settings."""

    __tablename__ = "workspaces"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Berlin")
    language: Mapped[str] = mapped_column(String(2), default="de")
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    hourly_rate: Mapped[Decimal | None] = mapped_column(MONEY)
    kpi_channel: Mapped[str | None] = mapped_column(String(32))
    digest_weekday: Mapped[int] = mapped_column(Integer, default=0)
    digest_time: Mapped[str] = mapped_column(String(5), default="09:00")
    north_star: Mapped[str] = mapped_column(String(64), default="contribution_per_customer_month")
    payback_ceiling: Mapped[Decimal] = mapped_column(MONEY, default=Decimal(12))
    capital: Mapped[Decimal | None] = mapped_column(MONEY)
    equity: Mapped[Decimal | None] = mapped_column(MONEY)
    comment_weight: Mapped[Decimal] = mapped_column(MONEY, default=Decimal(5))
    nudge: Mapped[str | None] = mapped_column(String(16))  # None: the day before, 15:00
    ingest_token_hash: Mapped[str | None] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # uninstall and retention (migration 0004): stopped since, why, and days until deletion
    uninstalled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    uninstall_reason: Mapped[str | None] = mapped_column(String(32))
    retention_days: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    # the newest installation or return after an uninstall (migration 0009): stopping events
    # that happened before it are late or retried and change nothing
    installed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # When the scheduler next looks at this workspace (see ritual/due.py); LOOK_NOW: next tick.
    next_digest_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=lambda: LOOK_NOW)
    # The sample business of `northstar demo` (migration 0009): never posted for, never nudged.
    demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    categories: Mapped[list[CategoryClass]] = relationship(
        back_populates="workspace", cascade="all, delete-orphan"
    )


def _schedule_changed(target: Workspace, value, old, _initiator) -> None:
    """Any change to what the schedule depends on: the scheduler looks at the next tick."""
    if value != old:
        target.next_digest_at = LOOK_NOW


for _field in SCHEDULE_FIELDS:
    event.listen(getattr(Workspace, _field), "set", _schedule_changed)


class CategoryClass(Base):
    """A workspace's mapping of a cost category to its class."""

    __tablename__ = "category_classes"
    __table_args__ = (UniqueConstraint("workspace_id", "category"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(64))
    cost_class: Mapped[str] = mapped_column(String(16))

    workspace: Mapped[Workspace] = relationship(back_populates="categories")


class Entry(Base):
    """One recorded fact: a cost, hours, a metric value or a note.

    `quantity` holds the cost amount, the hours or the metric value; notes leave it empty.
    """

    __tablename__ = "entries"
    __table_args__ = (
        UniqueConstraint("workspace_id", "external_id", name="uq_entries_external_id"),
        Index("ix_entries_ws_kind_date", "workspace_id", "kind", "occurred_on"),
        Index("ix_entries_ws_entered", "workspace_id", "entered_by", "id",
              sqlite_where=text("entered_by IS NOT NULL"),
              postgresql_where=text("entered_by IS NOT NULL")),
        Index("ix_entries_first_errors", "workspace_id", "kind", "metric", "occurred_on",
              sqlite_where=text("kind = 'metric' AND metric = 'errors'"),
              postgresql_where=text("kind = 'metric' AND metric = 'errors'")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))
    occurred_on: Mapped[date] = mapped_column(Date)
    quantity: Mapped[Decimal | None] = mapped_column(MONEY)
    category: Mapped[str | None] = mapped_column(String(64))
    cost_class: Mapped[str | None] = mapped_column(String(16))
    every: Mapped[str | None] = mapped_column(String(8))
    activity: Mapped[str | None] = mapped_column(String(32))
    metric: Mapped[str | None] = mapped_column(String(64))
    channel: Mapped[str | None] = mapped_column(String(64))
    cause: Mapped[str | None] = mapped_column(String(64))
    description: Mapped[str | None] = mapped_column(Text)
    note_kind: Mapped[str | None] = mapped_column(String(16))
    outcome: Mapped[str | None] = mapped_column(String(16))
    entered_by: Mapped[str | None] = mapped_column(String(64))
    entered_at: Mapped[datetime] = mapped_column(UtcDateTime())
    source: Mapped[str] = mapped_column(String(8))
    external_id: Mapped[str | None] = mapped_column(String(200))
    slack_channel: Mapped[str | None] = mapped_column(String(32))
    slack_ts: Mapped[str | None] = mapped_column(String(32))
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    deleted_by: Mapped[str | None] = mapped_column(String(64))


class Goal(Base):
    """A workspace's target for one KPI."""

    __tablename__ = "goals"
    __table_args__ = (UniqueConstraint("workspace_id", "kpi"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    kpi: Mapped[str] = mapped_column(String(64))
    target: Mapped[Decimal] = mapped_column(MONEY)
    set_by: Mapped[str | None] = mapped_column(String(64))
    set_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Digest(Base):
    """The claim, and then the record, of one workspace's digest for one ISO week."""

    __tablename__ = "digests"
    __table_args__ = (UniqueConstraint("workspace_id", "week", name="uq_digests_week"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    week: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(12))
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    claimed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    posted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    error: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(String(32))
    ts: Mapped[str | None] = mapped_column(String(32))
    charts_status: Mapped[str | None] = mapped_column(String(12))
    charts_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    charts_next_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    charts_error: Mapped[str | None] = mapped_column(Text)


class Alert(Base):
    """A drift verdict of one week and kind, kept so the next digest can say persisted/cleared."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("workspace_id", "week", "kind", name="uq_alerts_week_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    week: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(24))
    fired: Mapped[bool | None] = mapped_column(Boolean)
    details: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ProcessedEvent(Base):
    """A Slack event id already handled, so that Slack's retries are not acted on twice."""

    __tablename__ = "processed_events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
import storage.owners_tables  # noqa: E402,F401 - owners, pauses, away people, nudges
from storage import edit_tables as _edit_tables  # noqa: E402,F401  (registers its tables)
from storage import import_tables as _import_tables  # noqa: E402,F401  (registers its tables)
from storage import weekly_tables as _weekly_tables  # noqa: E402,F401  (registers its tables)
