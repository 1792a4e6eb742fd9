"""the next due digest per workspace, for claiming with SKIP LOCKED

Revision ID: 0005
Revises: 0004
"""

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Reserved: filled in by the work on the next due digest per workspace, for claiming with SKIP LOCKED."""


def downgrade() -> None:
    """Reserved: nothing to undo yet."""
