"""Workspaces, their settings and category map."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, bindparam, select
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


@dataclass(frozen=True)
class InputSettings:
    """The settings that decide how a workspace's input is read."""

    id: str
    language: str
    currency: str
    timezone: str


# Statements built once (with parameters): building them anew costs more than running them.
_INPUT_SETTINGS = select(Workspace.id, Workspace.language, Workspace.currency,
                         Workspace.timezone).where(Workspace.id == bindparam("team_id"))
_CATEGORY_CLASSES = select(CategoryClass.category, CategoryClass.cost_class).where(
    CategoryClass.workspace_id == bindparam("workspace_id"))


def input_settings(db: Session | Connection, team_id: str) -> InputSettings | None:
    """The team's input settings, or None when it has no workspace yet."""
    row = db.execute(_INPUT_SETTINGS, {"team_id": team_id}).first()
    return InputSettings(*row) if row is not None else None


def category_classes(db: Session | Connection, workspace_id: str) -> dict[str, str]:
    """The default category map with the workspace's own mappings on top."""
    mapping = dict(DEFAULT_CATEGORY_CLASSES)
    mapping.update(db.execute(_CATEGORY_CLASSES, {"workspace_id": workspace_id}).all())
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
