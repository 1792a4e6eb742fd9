"""partial indexes on entries: the first errors entry, and authors only where there is one

Revision ID: 0008
Revises: 0007

- `ix_entries_first_errors` (workspace_id, kind, metric, occurred_on) over the `errors` entries
  only (its equality columns make the planners prefer it over the (workspace, kind, day) one): the
  day a workspace started logging errors (the zero-error-weeks rule) is found in one step,
  instead of walking every metric entry of a workspace that never logged errors.
- `ix_entries_ws_entered` now leaves out entries without an author (ingested ones): forget-me
  and "my entries" look for a person, and a batch of ingested events no longer updates it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ERRORS = "kind = 'metric' AND metric = 'errors'"
AUTHORED = "entered_by IS NOT NULL"


def upgrade() -> None:
    op.create_index("ix_entries_first_errors", "entries",
                    ["workspace_id", "kind", "metric", "occurred_on"],
                    postgresql_where=sa.text(ERRORS), sqlite_where=sa.text(ERRORS))
    op.drop_index("ix_entries_ws_entered", table_name="entries")
    op.create_index("ix_entries_ws_entered", "entries", ["workspace_id", "entered_by", "id"],
                    postgresql_where=sa.text(AUTHORED), sqlite_where=sa.text(AUTHORED))


def downgrade() -> None:
    op.drop_index("ix_entries_ws_entered", table_name="entries")
    op.create_index("ix_entries_ws_entered", "entries", ["workspace_id", "entered_by", "id"])
    op.drop_index("ix_entries_first_errors", table_name="entries")
