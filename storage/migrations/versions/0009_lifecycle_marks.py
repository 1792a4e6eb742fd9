"""the newest installation mark of a workspace

Revision ID: 0009
Revises: 0008

`workspaces.installed_at`: when the app was last installed in the workspace or the workspace came
back after an uninstall (Slack's event time, or the server's clock). A stopping event
(`app_uninstalled`, `tokens_revoked`) that happened before it is late or retried and changes
nothing. A plain ADD COLUMN (nullable), no table rebuild: no row of any table is touched.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("workspaces", sa.Column("installed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.drop_column("installed_at")
