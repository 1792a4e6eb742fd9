"""A workspace as the use cases see it: found or created, and how its input is read today."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from capture.context import ParseContext
from ritual.due import reschedule
from storage.models import Workspace
from storage.own_metrics import own_metrics_of
from storage.workspaces import (
    InputSettings,
    category_classes,
    ensure_workspace,
    get_workspace,
    input_settings,
)


def local_now(workspace: Workspace | InputSettings, now: datetime) -> datetime:
    return now.astimezone(ZoneInfo(workspace.timezone))


def parse_context(db: Session | Connection, workspace: Workspace | InputSettings,
                  now: datetime) -> ParseContext:
    """How input is read in this workspace today."""
    return ParseContext(
        today=local_now(workspace, now).date(),
        lang=workspace.language,
        currency=workspace.currency,
        category_classes=category_classes(db, workspace.id),
        own_metrics=frozenset(own.key for own in own_metrics_of(db, workspace.id)),
    )


def settings_for_team(connection: Connection, team_id: str, now: datetime) -> InputSettings:
    """The team's input settings; its workspace is created in this transaction on first contact
    (through the ORM, which also schedules its first digest)."""
    settings = input_settings(connection, team_id)
    if settings is not None:
        return settings
    with Session(bind=connection, join_transaction_mode="rollback_only") as session:
        workspace = workspace_for_team(session, team_id, now)
        session.flush()
        return InputSettings(workspace.id, workspace.language, workspace.currency,
                             workspace.timezone)


def workspace_for_team(session: Session, team_id: str, now: datetime) -> Workspace:
    """The team's workspace, created with default settings on first contact (writers only)."""
    workspace = session.get(Workspace, team_id)
    if workspace is None:
        workspace = ensure_workspace(session, team_id, now)
        reschedule(workspace, now)
    return workspace


def read_workspace(session: Session, team_id: str, now: datetime) -> Workspace:
    """The team's workspace for reading; an unsaved default one when it has none yet."""
    workspace = get_workspace(session, team_id)
    if workspace is not None:
        return workspace
    defaults = Workspace(id=team_id, created_at=now)
    for column in Workspace.__table__.columns:
        if getattr(defaults, column.key) is None and column.default is not None:
            arg = column.default.arg
            setattr(defaults, column.key, arg(None) if callable(arg) else arg)
    return defaults
