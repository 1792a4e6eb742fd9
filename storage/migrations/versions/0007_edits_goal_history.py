"""edit audit trail and dated goals

Revision ID: 0007
Revises: 0006
"""

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Reserved: filled in by the work on edit audit trail and dated goals."""


def downgrade() -> None:
    """Reserved: nothing to undo yet."""
