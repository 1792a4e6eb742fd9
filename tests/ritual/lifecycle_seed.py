"""A workspace with a row in every table that holds workspace data (for the lifecycle tests)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from storage.models import Alert, CategoryClass, Digest, Entry, Goal, Workspace

SEEDED_TABLES = {"entries", "goals", "digests", "alerts", "category_classes"}


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
    ])
