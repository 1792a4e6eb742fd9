"""A workspace's life: stopped on uninstall, kept for its retention period, then deleted whole.

Deletion finds the workspace's rows by reflection, so a table added later is covered without
changing this module: every table with a `workspace_id` (ours) or `team_id` (slack_sdk's
installation store, where the tokens live) column. Tables whose `workspace_id` references
`workspaces.id` with ON DELETE CASCADE are emptied by deleting the workspace row; the others
are deleted explicitly, children first. Afterwards every such table is counted again, and a
row left over aborts the whole deletion (nothing is half-deleted).

The retention purge passes the moment the workspace was stopped: then only installation rows
stored up to that moment are deleted (in the same statement), so a reinstallation that slack_sdk
stores while the purge runs is left, and the count afterwards undoes the purge.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, MetaData, Table, bindparam, delete, func, or_, select, update
from sqlalchemy.orm import Session

from storage.db import Database
from storage.models import Workspace

SCOPE_COLUMNS = ("workspace_id", "team_id")
SKIPPED_TABLES = ("alembic_version", "workspaces")


class PurgeIncomplete(RuntimeError):
    """Rows of the workspace were left after deleting it; the transaction is rolled back."""


@dataclass(frozen=True)
class Stopped:
    """A workspace that was uninstalled (or lost its bot token), and when it may be deleted."""

    team_id: str
    since: datetime
    retention_days: int

    @property
    def delete_after(self) -> datetime:
        return self.since + timedelta(days=self.retention_days)


def mark_uninstalled(session: Session, team_id: str, now: datetime, reason: str,
                     happened_at: datetime | None = None) -> bool:
    """Stop the workspace; the first mark stays (Slack's retries do not restart the clock), and
    a stop that happened before the newest installation mark changes nothing (late or retried)."""
    conditions = [Workspace.id == team_id, Workspace.uninstalled_at.is_(None)]
    if happened_at is not None:
        conditions.append(or_(Workspace.installed_at.is_(None), Workspace.installed_at < happened_at))
    result = session.execute(
        update(Workspace).where(*conditions)
        .values(uninstalled_at=now, uninstall_reason=reason)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def clear_uninstalled(session: Session, team_id: str, now: datetime,
                      happened_at: datetime | None = None) -> bool:
    """Take the workspace back into service, marking when; True when it was stopped. A sign of
    life that happened before the uninstall mark (a late event) changes nothing."""
    conditions = [Workspace.id == team_id, Workspace.uninstalled_at.is_not(None)]
    if happened_at is not None:
        conditions.append(Workspace.uninstalled_at < happened_at)
    result = session.execute(
        update(Workspace).where(*conditions)
        .values(uninstalled_at=None, uninstall_reason=None, installed_at=happened_at or now)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def mark_installed(session: Session, team_id: str, at: datetime) -> None:
    """An installation arrived now: the newest installation mark."""
    session.execute(update(Workspace).where(Workspace.id == team_id).values(installed_at=at)
                    .execution_options(synchronize_session=False))


_UNINSTALLED_AT = select(Workspace.uninstalled_at).where(Workspace.id == bindparam("team_id"))
# For the check every Slack request makes: a plain number, no date to convert.
_STOPPED = select(Workspace.uninstalled_at.is_not(None)).where(Workspace.id == bindparam("team_id"))


def is_stopped(db: Database, team_id: str) -> bool:
    """Whether the workspace is uninstalled (False for one never stored): every Slack request
    asks, on a plain connection beside any writer."""
    with db.read_connection() as connection:
        row = connection.execute(_STOPPED, {"team_id": team_id}).first()
    return bool(row and row[0])


def uninstalled_since(db: Session | Connection, team_id: str) -> datetime | None:
    """When the workspace was uninstalled (None while in service)."""
    return db.scalar(_UNINSTALLED_AT, {"team_id": team_id})


def stopped_workspaces(session: Session) -> list[Stopped]:
    rows = session.execute(select(Workspace.id, Workspace.uninstalled_at, Workspace.retention_days)
                           .where(Workspace.uninstalled_at.is_not(None)).order_by(Workspace.id))
    return [Stopped(*row) for row in rows]


def scoped_tables(connection: Connection) -> list[tuple[Table, str]]:
    """Every table holding rows of one workspace, with its scope column, children first."""
    metadata = MetaData()
    metadata.reflect(bind=connection)
    found = []
    for table in reversed(metadata.sorted_tables):
        column = next((name for name in SCOPE_COLUMNS if name in table.c), None)
        if column is not None and table.name not in SKIPPED_TABLES:
            found.append((table, column))
    return found


def _cascades(table: Table, column: str) -> bool:
    """True when deleting the workspace row deletes this table's rows (ON DELETE CASCADE)."""
    return any(fk.column.table.name == "workspaces" and (fk.ondelete or "").upper() == "CASCADE"
               for fk in table.c[column].foreign_keys)


def row_counts(session: Session, team_id: str,
               tables: list[tuple[Table, str]] | None = None) -> dict[str, int]:
    """Rows per table that belong to the workspace (the workspace row itself included)."""
    tables = scoped_tables(session.connection()) if tables is None else tables
    counts = {"workspaces": session.scalar(
        select(func.count()).select_from(Workspace).where(Workspace.id == team_id))}
    for table, column in tables:
        counts[table.name] = session.scalar(
            select(func.count()).select_from(table).where(table.c[column] == team_id))
    return counts


def _installation_tables(tables: list[tuple[Table, str]]) -> list[Table]:
    return [table for table, column in tables if column == "team_id" and "installed_at" in table.c]


def installed_since(session: Session, team_id: str, moment: datetime) -> bool:
    """Whether an installation of the team was stored after the moment (a reinstall)."""
    stored_naive_utc = moment.astimezone(UTC).replace(tzinfo=None)
    return any(session.scalar(select(func.count()).select_from(table).where(
        table.c.team_id == team_id, table.c.installed_at > stored_naive_utc))
        for table in _installation_tables(scoped_tables(session.connection())))


def purge_workspace(session: Session, team_id: str,
                    stopped_at: datetime | None = None) -> dict[str, int]:
    """Delete every row of the workspace; the rows deleted per table. Raises PurgeIncomplete.

    With `stopped_at`, only a workspace still stopped is deleted, and only installations stored
    up to that moment: a reinstallation stored meanwhile is left, and the purge is undone."""
    tables = scoped_tables(session.connection())
    before = row_counts(session, team_id, tables)
    installations = _installation_tables(tables)
    for table, column in tables:
        if _cascades(table, column):
            continue
        query = delete(table).where(table.c[column] == team_id)
        if stopped_at is not None and table in installations:
            query = query.where(table.c.installed_at <= stopped_at.astimezone(UTC).replace(tzinfo=None))
        session.execute(query)
    workspace = delete(Workspace).where(Workspace.id == team_id)
    if stopped_at is not None:
        workspace = workspace.where(Workspace.uninstalled_at.is_not(None))
    session.execute(workspace.execution_options(synchronize_session=False))
    left = {name: count for name, count in row_counts(session, team_id, tables).items() if count}
    if left:
        raise PurgeIncomplete(f"rows of {team_id} left after deleting it: {left}")
    return before
