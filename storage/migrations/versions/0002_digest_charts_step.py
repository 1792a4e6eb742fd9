"""digest charts as their own step

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("digests") as batch:
        batch.add_column(sa.Column("charts_status", sa.String(length=12), nullable=True))
        batch.add_column(sa.Column("charts_attempts", sa.Integer(), nullable=False,
                                   server_default="0"))
        batch.add_column(sa.Column("charts_next_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("charts_error", sa.Text(), nullable=True))
        batch.create_index("ix_digests_charts_due", ["charts_status", "charts_next_at"])


def downgrade() -> None:
    with op.batch_alter_table("digests") as batch:
        batch.drop_index("ix_digests_charts_due")
        for column in ("charts_error", "charts_next_at", "charts_attempts", "charts_status"):
            batch.drop_column(column)
