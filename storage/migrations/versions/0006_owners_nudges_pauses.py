"""KPI owners, nudges, pauses and away people

Revision ID: 0006
Revises: 0005
"""

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Reserved: filled in by the work on KPI owners, nudges, pauses and away people."""


def downgrade() -> None:
    """Reserved: nothing to undo yet."""
