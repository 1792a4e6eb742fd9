"""uninstall, retention and purge of a workspace

Revision ID: 0004
Revises: 0003
"""

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Reserved: filled in by the work on uninstall, retention and purge of a workspace."""


def downgrade() -> None:
    """Reserved: nothing to undo yet."""
