"""What the health checks read: the scheduler's last tick, the schema's revision, the due work.

The last tick is one row of `processed_events` under a key no Slack event id can take
(Slack's start with "Ev"): every process of a server (and every server on the database) sees
it, and no migration is needed. The tick rewrites it every minute, so the two-day clean-up of
old event ids never removes it while a scheduler runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, column, func, select, table, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.db import Database
from storage.migrate import MIGRATIONS
from storage.models import ProcessedEvent, Workspace

TICK_KEY = "northstar:scheduler-tick"


def record_tick(db: Database, now: datetime) -> None:
    """Remember that a scheduler ticked at `now`."""
    try:
        with db.session() as session:
            row = session.get(ProcessedEvent, TICK_KEY)
            if row is None:
                session.add(ProcessedEvent(event_id=TICK_KEY, received_at=now))
            elif row.received_at < now:
                row.received_at = now
    except IntegrityError:
        pass  # another process wrote its tick at the same moment: the row is fresh


def last_tick(db: Database) -> datetime | None:
    """When a scheduler last ticked; None if never (or not for two days)."""
    with db.reader() as session:
        return session.scalar(select(ProcessedEvent.received_at)
                              .where(ProcessedEvent.event_id == TICK_KEY))


def ping(db: Database) -> None:
    """Ask the database something trivial (raises when it cannot be reached)."""
    with db.read_connection() as connection:
        connection.execute(text("SELECT 1"))


def schema_revision(db: Database) -> str | None:
    """The migration the database is at; None for an empty database."""
    with db.read_connection() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@cache
def head_revision() -> str:
    """The newest migration this code ships."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def due_backlog(session: Session, now: datetime) -> int:
    """How many workspaces with a channel the scheduler should look at now and has not yet."""
    return session.scalar(select(func.count()).select_from(Workspace)
                          .where(Workspace.kpi_channel.is_not(None), Workspace.next_digest_at <= now))


def active_channels(session: Session) -> list[tuple[str, str | None]]:
    """(workspace id, KPI channel or None) of every workspace that has not uninstalled the app."""
    return list(session.execute(select(Workspace.id, Workspace.kpi_channel)
                                .where(Workspace.uninstalled_at.is_(None)).order_by(Workspace.id)))


def stored_values(connection: Connection, table_name: str, columns: Iterable[str],
                  key: str = "id") -> list[tuple[object, str, str]]:
    """(row key, column, stored value) of every value the columns hold (e.g. encrypted tokens)."""
    names = list(columns)
    rows = table(table_name, column(key), *(column(name) for name in names))
    return [(row[key], name, row[name])
            for row in connection.execute(select(rows)).mappings()
            for name in names if row[name] is not None]
