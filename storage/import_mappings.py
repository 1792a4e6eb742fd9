"""A workspace's saved column mappings for layouts no profile knows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.import_tables import ImportMapping


def saved_mappings(session: Session, workspace_id: str) -> list[ImportMapping]:
    """The workspace's mappings, by name."""
    return list(session.scalars(select(ImportMapping).where(
        ImportMapping.workspace_id == workspace_id).order_by(ImportMapping.name)))


def save_mapping(session: Session, workspace_id: str, name: str, fingerprint: str, spec: str,
                 user: str | None, now: datetime) -> None:
    """Store a mapping under its name (a mapping of the same name is replaced)."""
    row = session.scalar(select(ImportMapping).where(ImportMapping.workspace_id == workspace_id,
                                                     ImportMapping.name == name))
    if row is None:
        session.add(ImportMapping(workspace_id=workspace_id, name=name, fingerprint=fingerprint,
                                  spec=spec, created_by=user, created_at=now))
    else:
        row.fingerprint, row.spec, row.created_by, row.created_at = fingerprint, spec, user, now
