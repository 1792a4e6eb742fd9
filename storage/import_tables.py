"""Imported export rows, the imports that stored them, and the key of customer hashes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import MONEY, Base, UtcDateTime


class ImportRecord(Base):
    """One imported file: its profile, name, counts, and when it was undone."""

    __tablename__ = "imports"
    __table_args__ = (Index("ix_imports_ws_created", "workspace_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    profile: Mapped[str] = mapped_column(String(32))
    file_name: Mapped[str | None] = mapped_column(String(255))
    created_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    rows: Mapped[int] = mapped_column(Integer)
    new: Mapped[int] = mapped_column(Integer)
    updated: Mapped[int] = mapped_column(Integer)
    duplicate: Mapped[int] = mapped_column(Integer)
    skipped: Mapped[dict] = mapped_column(JSON)
    errors: Mapped[int] = mapped_column(Integer)
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class ImportedRow(Base):
    """One row of an export as it came; `key` is the source's id or a content key."""

    __tablename__ = "imported_rows"
    __table_args__ = (
        UniqueConstraint("workspace_id", "source", "key", name="uq_imported_rows_key"),
        Index("ix_imported_rows_ws_day", "workspace_id", "occurred_on"),
        Index("ix_imported_rows_import", "import_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    import_id: Mapped[str] = mapped_column(ForeignKey("imports.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(32))
    family: Mapped[str] = mapped_column(String(12))
    key: Mapped[str] = mapped_column(String(200))
    line: Mapped[int | None] = mapped_column(Integer)
    occurred_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(12))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    fee: Mapped[Decimal] = mapped_column(MONEY)
    tax: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3))
    counterparty: Mapped[str | None] = mapped_column(String(200))
    purpose: Mapped[str | None] = mapped_column(Text)
    customer_key: Mapped[str | None] = mapped_column(String(64))
    order_id: Mapped[str | None] = mapped_column(String(100))
    category: Mapped[str | None] = mapped_column(String(64))  # given by a rule; None: open


class ImportSecret(Base):
    """The per-workspace key that customer e-mails and ids are hashed with."""

    __tablename__ = "import_secrets"

    workspace_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True)
    secret: Mapped[str] = mapped_column(String(64))


class ImportMapping(Base):
    """A named column mapping, used again for files with the same header (`fingerprint`)."""

    __tablename__ = "import_mappings"
    __table_args__ = (UniqueConstraint("workspace_id", "name", name="uq_import_mappings_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(32))
    fingerprint: Mapped[str] = mapped_column(String(32))
    spec: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ImportRule(Base):
    """A pattern in a bank or PayPal line's counterparty or purpose, and the category it gives."""

    __tablename__ = "import_rules"
    __table_args__ = (UniqueConstraint("workspace_id", "pattern", name="uq_import_rules_pattern"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    pattern: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
