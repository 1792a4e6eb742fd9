"""the next due digest per workspace, for claiming with SKIP LOCKED

Revision ID: 0005
Revises: 0004

`workspaces.next_digest_at` (UTC) says when the scheduler next looks at a workspace; a partial
index over the workspaces with a channel lets every tick find the due ones without a scan. The
backfill computes it here, on its own (a migration must not change when the code does): the
latest digest moment up to now, or the first one after the workspace was created, whichever is
later; a workspace whose settings cannot be read gets 1970 (the scheduler looks at once).
Two more partial indexes serve the tick's other questions: digests to retry (claimed or failed)
and old Slack event ids to forget.
"""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

LOOK_NOW = datetime(1970, 1, 1, tzinfo=UTC)
HAS_CHANNEL = "kpi_channel IS NOT NULL"
OPEN_DIGEST = "status IN ('claimed', 'failed')"


def _last_moment(zone: ZoneInfo, weekday: int, hhmm: str, now: datetime) -> datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    local = now.astimezone(zone)
    day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
    moment = datetime.combine(day, time(hour, minute), tzinfo=zone)
    if moment > local:
        moment = datetime.combine(day - timedelta(days=7), time(hour, minute), tzinfo=zone)
    return moment


def _first_moment_after(zone: ZoneInfo, weekday: int, hhmm: str, created: datetime) -> datetime:
    moment = _last_moment(zone, weekday, hhmm, created)
    while moment < created:
        moment = datetime.combine(moment.date() + timedelta(days=7), moment.timetz())
    return moment


def next_digest_at(row, now: datetime) -> datetime:
    """The backfilled next-due time of one workspace row."""
    try:
        zone = ZoneInfo(row.timezone)
        created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
        latest = _last_moment(zone, row.digest_weekday, row.digest_time, now)
        first = _first_moment_after(zone, row.digest_weekday, row.digest_time, created)
        return max(latest, first).astimezone(UTC)
    except (ValueError, TypeError, AttributeError, LookupError):
        return LOOK_NOW


def upgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.add_column(sa.Column("next_digest_at", sa.DateTime(timezone=True), nullable=True))
    workspaces = sa.table(
        "workspaces", sa.column("id", sa.String), sa.column("timezone", sa.String),
        sa.column("digest_weekday", sa.Integer), sa.column("digest_time", sa.String),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("next_digest_at", sa.DateTime(timezone=True)))
    connection = op.get_bind()
    rows = connection.execute(sa.select(workspaces)).all()
    now = datetime.now(UTC)
    for row in rows:
        value = next_digest_at(row, now)
        if connection.dialect.name == "sqlite":
            value = value.replace(tzinfo=None)
        connection.execute(workspaces.update().where(workspaces.c.id == row.id)
                           .values(next_digest_at=value))
    with op.batch_alter_table("workspaces") as batch:
        batch.alter_column("next_digest_at", existing_type=sa.DateTime(timezone=True),
                           nullable=False)
    op.create_index("ix_workspaces_next_digest", "workspaces", ["next_digest_at"],
                    postgresql_where=sa.text(HAS_CHANNEL), sqlite_where=sa.text(HAS_CHANNEL))
    op.create_index("ix_digests_open", "digests", ["claimed_at"],
                    postgresql_where=sa.text(OPEN_DIGEST), sqlite_where=sa.text(OPEN_DIGEST))
    op.create_index("ix_processed_events_received", "processed_events", ["received_at"])


def downgrade() -> None:
    op.drop_index("ix_processed_events_received", table_name="processed_events")
    op.drop_index("ix_digests_open", table_name="digests")
    op.drop_index("ix_workspaces_next_digest", table_name="workspaces")
    with op.batch_alter_table("workspaces") as batch:
        batch.drop_column("next_digest_at")
