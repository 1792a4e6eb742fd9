"""workspaces.demo: the sample business of `northstar demo`, which the bot never posts for

Revision ID: 0010
Revises: 0009

Until now `northstar demo` seeded its workspace (team id `TDEMO`) into the bot's own database,
where the scheduler found it due at once and posted its digest and nudges to Slack. The flag
marks it; rows already there under the demo's team id are marked on the way up.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

DEMO_TEAM = "TDEMO"  # storage.sample_business.DEMO_TEAM when this migration was written


def upgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.add_column(sa.Column("demo", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    workspaces = sa.table("workspaces", sa.column("id", sa.String), sa.column("demo", sa.Boolean))
    op.execute(workspaces.update().where(workspaces.c.id == DEMO_TEAM).values(demo=True))


def downgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.drop_column("demo")
