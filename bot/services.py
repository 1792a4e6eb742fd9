"""What every listener needs: the database, the clock, and the workspace's context."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from capture.context import ParseContext
from storage.clock import Clock, utc_now
from storage.db import Database
from storage.models import Workspace
from storage.workspaces import category_classes, ensure_workspace


@dataclass
class Services:
    """Shared by the listeners of one app."""

    db: Database
    clock: Clock = utc_now
    admin_cache: dict[tuple[str, str], tuple[bool, datetime]] = field(default_factory=dict)

    def now(self) -> datetime:
        return self.clock()


def local_now(workspace: Workspace, now: datetime) -> datetime:
    return now.astimezone(ZoneInfo(workspace.timezone))


def parse_context(session: Session, workspace: Workspace, now: datetime) -> ParseContext:
    """How input is read in this workspace today."""
    return ParseContext(
        today=local_now(workspace, now).date(),
        lang=workspace.language,
        currency=workspace.currency,
        category_classes=category_classes(session, workspace.id),
    )


def workspace_of(session: Session, team_id: str, now: datetime) -> Workspace:
    return ensure_workspace(session, team_id, now)
