"""weekly KPI inputs kept per workspace and week, and the marks that make them stale

Revision ID: 0013
Revises: 0012

- `weekly_inputs`: one row per workspace and ISO week (Monday `week_start` to Sunday
  `week_end`): what was recorded that week (entries and imported rows), as JSON.
- `weekly_input_marks`: days whose kept weeks are stale, written by triggers in the same
  transaction as every insert, update and delete of `entries`, `imported_rows` and
  `category_classes` (whatever code path makes it). A reader treats a kept week that a mark
  overlaps as missing; storage/weekly_inputs.py applies the marks and computes such weeks anew.

Ranges: an entry marks its day (a recurring cost the 367 days it can accrue over); an
imported row or a category's class marks all time (which source gives revenue, and the class
of an imported category, reach every week). Notes change no totals and mark nothing.
SQLite: row triggers (writers are serialised). PostgreSQL: statement triggers over the
transition tables; a mark that covers a change is share-locked before it is relied on, so a
reader deleting it meanwhile cannot make the change go unmarked.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

ALL_FIRST, ALL_LAST = "0001-01-01", "9999-12-31"
# Entry columns the KPIs read: an update that changes none of them changes no week's totals.
ENTRY_COLUMNS = ("workspace_id", "kind", "occurred_on", "quantity", "category", "cost_class",
                 "every", "activity", "metric", "channel", "cause", "deleted_at")


def upgrade() -> None:
    op.create_table(
        "weekly_inputs",
        sa.Column("workspace_id", sa.String(length=32), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("week_end", sa.Date(), nullable=False),
        sa.Column("totals", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("workspace_id", "week_start"),
    )
    op.create_table(
        "weekly_input_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.String(length=32), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_weekly_input_marks_ws_last", "weekly_input_marks",
                    ["workspace_id", "last_day"])
    if op.get_bind().dialect.name == "postgresql":
        for statement in postgres_triggers():
            op.execute(statement)
    else:
        for statement in sqlite_triggers():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ("entries", "imported_rows", "category_classes"):
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS weekly_marks_{event} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS weekly_marks_of_entries()")
        op.execute("DROP FUNCTION IF EXISTS weekly_marks_all_time()")
        op.execute("DROP FUNCTION IF EXISTS weekly_mark(varchar, date, date)")
    else:
        for table in ("entries", "imported_rows", "category_classes"):
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS weekly_marks_{table}_{event}")
    op.drop_index("ix_weekly_input_marks_ws_last", table_name="weekly_input_marks")
    op.drop_table("weekly_input_marks")
    op.drop_table("weekly_inputs")


def _sqlite_mark(row: str, first: str, last: str) -> str:
    """Insert a mark unless one of the workspace's marks covers it (or the workspace is gone:
    a cascade deleting its rows)."""
    return f"""
    INSERT INTO weekly_input_marks (workspace_id, first_day, last_day)
    SELECT {row}.workspace_id, {first}, {last}
    WHERE EXISTS (SELECT 1 FROM workspaces WHERE id = {row}.workspace_id)
      AND NOT EXISTS (SELECT 1 FROM weekly_input_marks AS m
                      WHERE m.workspace_id = {row}.workspace_id
                        AND m.last_day >= {last} AND m.first_day <= {first});"""


def _entry_range(row: str) -> tuple[str, str]:
    last = (f"CASE WHEN {row}.every IS NULL THEN {row}.occurred_on "
            f"ELSE date({row}.occurred_on, '+367 days') END")
    return f"{row}.occurred_on", last


def sqlite_triggers() -> list[str]:
    new, old = _entry_range("NEW"), _entry_range("OLD")
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in ENTRY_COLUMNS)
    statements = [
        f"""CREATE TRIGGER weekly_marks_entries_insert AFTER INSERT ON entries
        WHEN NEW.kind <> 'note' BEGIN {_sqlite_mark('NEW', *new)} END""",
        f"""CREATE TRIGGER weekly_marks_entries_delete AFTER DELETE ON entries
        WHEN OLD.kind <> 'note' BEGIN {_sqlite_mark('OLD', *old)} END""",
        f"""CREATE TRIGGER weekly_marks_entries_update AFTER UPDATE ON entries
        WHEN (OLD.kind <> 'note' OR NEW.kind <> 'note') AND ({changed})
        BEGIN {_sqlite_mark('OLD', *old)} {_sqlite_mark('NEW', *new)} END""",
    ]
    all_time = (f"'{ALL_FIRST}'", f"'{ALL_LAST}'")
    for table in ("imported_rows", "category_classes"):
        statements += [
            f"""CREATE TRIGGER weekly_marks_{table}_insert AFTER INSERT ON {table}
            BEGIN {_sqlite_mark('NEW', *all_time)} END""",
            f"""CREATE TRIGGER weekly_marks_{table}_delete AFTER DELETE ON {table}
            BEGIN {_sqlite_mark('OLD', *all_time)} END""",
            f"""CREATE TRIGGER weekly_marks_{table}_update AFTER UPDATE ON {table}
            BEGIN {_sqlite_mark('OLD', *all_time)} {_sqlite_mark('NEW', *all_time)} END""",
        ]
    return statements


PG_MARK = """
CREATE FUNCTION weekly_mark(ws varchar, first date, last date) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM workspaces WHERE id = ws) THEN
        RETURN;  -- the workspace is being deleted (its rows go by cascade)
    END IF;
    -- A covering mark is relied on only once locked: a reader deleting it waits for us,
    -- or has deleted it already (then it is not found and ours is inserted).
    PERFORM 1 FROM weekly_input_marks
        WHERE workspace_id = ws AND last_day >= last AND first_day <= first
        LIMIT 1 FOR KEY SHARE;
    IF NOT FOUND THEN
        INSERT INTO weekly_input_marks (workspace_id, first_day, last_day)
        VALUES (ws, first, last);
    END IF;
END $$"""


def _pg_entry_loop(rows: str, where: str = "") -> str:
    return f"""
        FOR r IN SELECT workspace_id, min(occurred_on) AS first,
                        max(occurred_on + CASE WHEN every IS NULL THEN 0 ELSE 367 END) AS last
                 FROM {rows} WHERE kind <> 'note' {where} GROUP BY workspace_id LOOP
            PERFORM weekly_mark(r.workspace_id, r.first, r.last);
        END LOOP;"""


def postgres_triggers() -> list[str]:
    changed = " OR ".join(f"n.{c} IS DISTINCT FROM o.{c}" for c in ENTRY_COLUMNS)
    moved = f"AND id IN (SELECT n.id FROM new_rows n JOIN old_rows o USING (id) WHERE {changed})"
    entries = f"""
CREATE FUNCTION weekly_marks_of_entries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
    IF TG_OP = 'INSERT' THEN {_pg_entry_loop('new_rows')}
    ELSIF TG_OP = 'DELETE' THEN {_pg_entry_loop('old_rows')}
    ELSE {_pg_entry_loop('old_rows', moved)} {_pg_entry_loop('new_rows', moved)}
    END IF;
    RETURN NULL;
END $$"""
    all_time = f"""
CREATE FUNCTION weekly_marks_all_time() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
    IF TG_OP <> 'DELETE' THEN
        FOR r IN SELECT DISTINCT workspace_id FROM new_rows LOOP
            PERFORM weekly_mark(r.workspace_id, '{ALL_FIRST}', '{ALL_LAST}');
        END LOOP;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        FOR r IN SELECT DISTINCT workspace_id FROM old_rows LOOP
            PERFORM weekly_mark(r.workspace_id, '{ALL_FIRST}', '{ALL_LAST}');
        END LOOP;
    END IF;
    RETURN NULL;
END $$"""
    statements = [PG_MARK, entries, all_time]
    for table, function in (("entries", "weekly_marks_of_entries"),
                            ("imported_rows", "weekly_marks_all_time"),
                            ("category_classes", "weekly_marks_all_time")):
        statements += [
            f"""CREATE TRIGGER weekly_marks_insert AFTER INSERT ON {table}
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}()""",
            f"""CREATE TRIGGER weekly_marks_delete AFTER DELETE ON {table}
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}()""",
            f"""CREATE TRIGGER weekly_marks_update AFTER UPDATE ON {table}
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION {function}()""",
        ]
    return statements
