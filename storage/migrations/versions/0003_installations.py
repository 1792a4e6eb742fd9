"""Slack installations and OAuth state (distribution to many workspaces)

Revision ID: 0003
Revises: 0002
"""

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Reserved: filled in by the work on Slack installations and OAuth state."""


def downgrade() -> None:
    """Reserved: nothing to undo yet."""
