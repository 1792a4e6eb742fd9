"""uninstall, retention and purge of a workspace

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.add_column(sa.Column("uninstalled_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("uninstall_reason", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("retention_days", sa.Integer(), nullable=False,
                                   server_default="30"))


def downgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        for column in ("retention_days", "uninstall_reason", "uninstalled_at"):
            batch.drop_column(column)
