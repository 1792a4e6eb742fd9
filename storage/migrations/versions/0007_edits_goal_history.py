"""edit audit trail and dated goals

Revision ID: 0007
Revises: 0006

Amended once (2026-12): SQLite hands the untyped `goals.set_at` back as text, which the typed
insert into `goal_history` refused, so this step failed on every SQLite database that held a goal
and left it at 0006. The values are now parsed before the insert; PostgreSQL, where the step
always worked, takes the same path as before.
"""

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _monday(value) -> date:
    day = value.date() if isinstance(value, datetime) else date.fromisoformat(str(value)[:10])
    return day - timedelta(days=day.weekday())


def _as_datetime(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def upgrade() -> None:
    op.create_table(
        "entry_edits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.String(length=32), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("edited_by", sa.String(length=64), nullable=True),
        sa.Column("edited_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["entry_id"], ["entries.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_entry_edits_entry", "entry_edits", ["entry_id", "id"])
    op.create_index("ix_entry_edits_ws_at", "entry_edits", ["workspace_id", "edited_at"])
    history = op.create_table(
        "goal_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.String(length=32), nullable=False),
        sa.Column("kpi", sa.String(length=64), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("target", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("set_by", sa.String(length=64), nullable=True),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("workspace_id", "kpi", "valid_from", name="uq_goal_history_week"),
    )
    goals = sa.table("goals", sa.column("workspace_id"), sa.column("kpi"), sa.column("target"),
                     sa.column("set_by"), sa.column("set_at"))
    rows = op.get_bind().execute(sa.select(goals)).mappings().all()
    if rows:
        op.bulk_insert(history, [{**row, "set_at": _as_datetime(row["set_at"]),
                                  "valid_from": _monday(row["set_at"])} for row in rows])


def downgrade() -> None:
    op.drop_table("goal_history")
    op.drop_index("ix_entry_edits_ws_at", table_name="entry_edits")
    op.drop_index("ix_entry_edits_entry", table_name="entry_edits")
    op.drop_table("entry_edits")
