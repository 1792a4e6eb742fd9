"""Workspaces, their settings and category map."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from metrics.vocabulary import DEFAULT_CATEGORY_CLASSES
from storage.models import CategoryClass, Workspace

TOKEN_PREFIX = "nst_"


def get_workspace(session: Session, team_id: str) -> Workspace | None:
    return session.get(Workspace, team_id)


def ensure_workspace(session: Session, team_id: str, now: datetime, **defaults) -> Workspace:
    """The workspace for a team id, created with default settings on first contact."""
    workspace = session.get(Workspace, team_id)
    if workspace is None:
        workspace = Workspace(id=team_id, created_at=now, **defaults)
        session.add(workspace)
        session.flush()
    return workspace


def all_workspaces(session: Session) -> list[Workspace]:
    return list(session.scalars(select(Workspace).order_by(Workspace.id)))


def category_classes(session: Session, workspace_id: str) -> dict[str, str]:
    """The default category map with the workspace's own mappings on top."""
    mapping = dict(DEFAULT_CATEGORY_CLASSES)
    rows = session.scalars(select(CategoryClass).where(CategoryClass.workspace_id == workspace_id))
    mapping.update({row.category: row.cost_class for row in rows})
    return mapping


def set_category_class(session: Session, workspace_id: str, category: str, cost_class: str) -> None:
    row = session.scalar(
        select(CategoryClass).where(
            CategoryClass.workspace_id == workspace_id, CategoryClass.category == category
        )
    )
    if row is None:
        session.add(CategoryClass(workspace_id=workspace_id, category=category, cost_class=cost_class))
    else:
        row.cost_class = cost_class


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def rotate_ingest_token(session: Session, workspace: Workspace) -> str:
    """Create a new ingestion token (shown once); only its hash is stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    workspace.ingest_token_hash = hash_token(token)
    return token


def workspace_for_token(session: Session, token: str) -> Workspace | None:
    if not token:
        return None
    return session.scalar(select(Workspace).where(Workspace.ingest_token_hash == hash_token(token)))
