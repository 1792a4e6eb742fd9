"""A workspace with a row in every table that holds workspace data (for the lifecycle tests)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import text

from storage.edit_tables import EntryEdit, GoalChange
from storage.import_tables import (
    ImportedRow,
    ImportMapping,
    ImportRecord,
    ImportRule,
    ImportSecret,
)
from storage.models import Alert, CategoryClass, Digest, Entry, Goal, Workspace
from storage.own_tables import FocusQuestions, OwnMetric
from storage.owners_tables import AwayPerson, InputOwner, KnownNone, Nudge, PausedWeek
from storage.weekly_tables import WeeklyInputs

SEEDED_TABLES = {"entries", "goals", "digests", "alerts", "category_classes", "entry_edits",
                 "goal_history", "input_owners", "paused_weeks", "away_people", "known_none",
                 "nudges", "slack_installations", "slack_bots", "imports", "imported_rows",
                 "import_secrets", "import_mappings", "import_rules", "own_metrics",
                 "focus_questions", "weekly_inputs",
                 "weekly_input_marks"}  # the marks: written by the entries' triggers


def entry(team: str, kind: str, by: str | None, now: datetime, **fields) -> Entry:
    return Entry(workspace_id=team, kind=kind, occurred_on=date(2026, 11, 18), entered_by=by,
                 entered_at=now, source="slack", **fields)


def seed_workspace(session, team: str, now: datetime, channel: str | None = "C0KPI") -> None:
    """One row in each table of SEEDED_TABLES (two entries by two people, a note)."""
    session.add(Workspace(id=team, created_at=now, kpi_channel=channel))
    session.flush()
    session.add_all([
        entry(team, "cost", "U0OWNER", now, quantity=Decimal("49.90"), category="tools",
              cost_class="fixed"),
        entry(team, "metric", "U0OTHER", now, quantity=Decimal(42), metric="orders",
              deleted_at=now, deleted_by="U0OWNER"),
        entry(team, "note", "U0OWNER", now, description="Newsletter moved", note_kind="context"),
        Goal(workspace_id=team, kpi="error_rate_per_100", target=Decimal(2), set_by="U0OWNER",
             set_at=now),
        Digest(workspace_id=team, week="2026-W46", status="posted", claimed_at=now,
               attempts=1, channel="C0KPI", ts="1763630000.000100"),
        Alert(workspace_id=team, week="2026-W46", kind="error_rate", fired=False, details={},
              created_at=now),
        CategoryClass(workspace_id=team, category="ads", cost_class="acquisition"),
        GoalChange(workspace_id=team, kpi="error_rate_per_100", valid_from=date(2026, 11, 16),
                   target=Decimal(2), set_by="U0OWNER", set_at=now),
    ])
    session.flush()
    cost = session.query(Entry).filter_by(workspace_id=team, kind="cost").one()
    session.add_all([
        InputOwner(workspace_id=team, subject="orders", user_id="U0OWNER", set_by="U0OWNER",
                   set_at=now),
        PausedWeek(workspace_id=team, week="2026-W52", set_by="U0OWNER", set_at=now),
        AwayPerson(workspace_id=team, user_id="U0OWNER", until=date(2026, 12, 31), set_at=now),
        KnownNone(workspace_id=team, week="2026-W46", input="leads", recorded_by="U0OWNER",
                  recorded_at=now),
        Nudge(workspace_id=team, week="2026-W46", user_id="U0OWNER", status="sent", inputs="leads",
              claimed_at=now),
    ])
    for table in ("slack_installations", "slack_bots"):
        user = ", user_id" if table == "slack_installations" else ""
        session.execute(text(
            f"INSERT INTO {table} (client_id, app_id, team_id, is_enterprise_install, installed_at"
            f"{user}) VALUES ('C1', 'A1', :team, false, :now{', :user' if user else ''})"),
            {"team": team, "now": now.replace(tzinfo=None), "user": "U0OWNER"})
    session.add(EntryEdit(workspace_id=team, entry_id=cost.id, edited_by="U0OWNER", edited_at=now,
                          field="quantity", old_value="39.90", new_value="49.90"))
    session.add_all([
        ImportRecord(id=f"imp{team}", workspace_id=team, profile="stripe", file_name="b.csv",
                     created_at=now, rows=1, new=1, updated=0, duplicate=0, skipped={}, errors=0),
        ImportSecret(workspace_id=team, secret="0" * 64),
        ImportMapping(workspace_id=team, name="meinebank", fingerprint="0" * 32,
                      spec="date=Datum,amount=Betrag", created_by="U0OWNER", created_at=now),
        ImportRule(workspace_id=team, pattern="hoster", category="software",
                   created_by="U0OWNER", created_at=now),
        OwnMetric(workspace_id=team, key="signups", label="Sign-ups", aggregation="sum",
                  unit="count", created_by="U0OWNER", created_at=now),
        FocusQuestions(workspace_id=team, first="A?", second="B?", third="C?", set_by="U0OWNER",
                       set_at=now),
    ])
    session.flush()
    session.add(WeeklyInputs(workspace_id=team, week_start=date(2026, 11, 9),
                             week_end=date(2026, 11, 15), totals="{}"))
    session.add(ImportedRow(workspace_id=team, import_id=f"imp{team}", source="stripe",
                            family="processor", key="id:txn_1", occurred_on=date(2026, 11, 18),
                            kind="sale", amount=Decimal("49.00"), fee=Decimal("0.99"),
                            tax=Decimal(0), currency="EUR"))
