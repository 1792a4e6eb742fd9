"""KPI owners, nudges, pauses and away people

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _workspace_fk() -> tuple:
    return (sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("workspace_id", sa.String(length=32), nullable=False),
            sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"))


def upgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.add_column(sa.Column("nudge", sa.String(length=16), nullable=True))
    op.create_table(
        "input_owners", *_workspace_fk(),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("set_by", sa.String(length=64), nullable=True),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("workspace_id", "subject", name="uq_input_owners"),
    )
    op.create_table(
        "paused_weeks", *_workspace_fk(),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("set_by", sa.String(length=64), nullable=True),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("workspace_id", "week", name="uq_paused_weeks"),
    )
    op.create_table(
        "away_people", *_workspace_fk(),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("workspace_id", "user_id", name="uq_away_people"),
    )
    op.create_table(
        "known_none", *_workspace_fk(),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("input", sa.String(length=64), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("workspace_id", "week", "input", name="uq_known_none"),
    )
    op.create_table(
        "nudges", *_workspace_fk(),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("inputs", sa.Text(), nullable=False),
        sa.Column("claimed_by", sa.String(length=128), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("channel", sa.String(length=32), nullable=True),
        sa.Column("ts", sa.String(length=32), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.UniqueConstraint("workspace_id", "week", "user_id", name="uq_nudges"),
    )


def downgrade() -> None:
    for table in ("nudges", "known_none", "away_people", "paused_weeks", "input_owners"):
        op.drop_table(table)
    with op.batch_alter_table("workspaces") as batch:
        batch.drop_column("nudge")
