"""a workspace's own metrics and its own three focus questions

Revision ID: 0012
Revises: 0011

- `own_metrics`: metrics a workspace defined with `/kpi metric add` (key, label, aggregation
  sum|level|median, unit count|money|percent|minutes), unique per workspace and key. Their
  values are ordinary metric entries under the key.
- `focus_questions`: the three questions `/kpi questions Q1 | Q2 | Q3` set; no row: the defaults.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "own_metrics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("aggregation", sa.String(length=8), nullable=False),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("workspace_id", "key", name="uq_own_metrics_key"),
    )
    op.create_table(
        "focus_questions",
        sa.Column("workspace_id", sa.String(length=32), nullable=False),
        sa.Column("first", sa.String(length=300), nullable=False),
        sa.Column("second", sa.String(length=300), nullable=False),
        sa.Column("third", sa.String(length=300), nullable=False),
        sa.Column("set_by", sa.String(length=64), nullable=True),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("workspace_id"),
    )


def downgrade() -> None:
    op.drop_table("focus_questions")
    op.drop_table("own_metrics")
