"""Bulk history for benchmarks: many entries of every kind, inserted with Core executemany."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import insert

from storage.db import Database
from storage.models import Entry, Workspace

METRICS = ("orders", "revenue", "errors", "leads", "new_customers", "active_customers",
           "churned_customers", "tickets", "clicks", "impressions")
ACTIVITIES = ("support", "ops", "marketing", "sales", "product")
OPTIONAL = ("quantity", "category", "cost_class", "activity", "metric", "cause", "note_kind",
            "description")
SCALE = {"errors": 8, "new_customers": 20, "churned_customers": 10}
CATEGORIES = (("ads", "acquisition"), ("goods", "variable"), ("shipping", "variable"),
              ("tools", "fixed"))


def entry_rows(workspace_id: str, count: int, end: date, years: float, seed: int = 7) -> list[dict]:
    """`count` entries spread over `years` up to `end`, in realistic proportions."""
    rng = random.Random(seed)
    days = int(365 * years)
    now = datetime.now(UTC)
    rows = []
    for index in range(count):
        day = end - timedelta(days=rng.randrange(days))
        roll = index % 10
        row = {"workspace_id": workspace_id, "occurred_on": day, "entered_by": "U0BENCH",
               "entered_at": now, "source": "import", **dict.fromkeys(OPTIONAL)}
        if roll < 3:
            category, cost_class = rng.choice(CATEGORIES)
            row |= {"kind": "cost", "quantity": Decimal(rng.randint(100, 20000)) / 100,
                    "category": category, "cost_class": cost_class}
        elif roll < 5:
            row |= {"kind": "hours", "quantity": Decimal(rng.randint(1, 16)) / 2,
                    "activity": rng.choice(ACTIVITIES)}
        elif roll < 9:
            metric = rng.choice(METRICS)
            if metric == "revenue":
                quantity = Decimal(rng.randint(100, 50_000)) / 100
            else:
                quantity = Decimal(rng.randint(1, SCALE.get(metric, 500)))
            row |= {"kind": "metric", "metric": metric, "quantity": quantity,
                    "cause": "rework" if metric == "errors" else None}
        else:
            row |= {"kind": "note", "note_kind": "context", "description": f"note {index}"}
        rows.append(row)
    return rows


def seed_workspace(db: Database, workspace_id: str, count: int, end: date, years: float,
                   **settings) -> None:
    """Create a workspace with `count` entries of history (in batches)."""
    with db.session() as session:
        session.add(Workspace(id=workspace_id, created_at=datetime.now(UTC),
                              hourly_rate=Decimal(40), kpi_channel="C0KPI", **settings))
    rows = entry_rows(workspace_id, count, end, years)
    with db.engine.begin() as connection:
        for start in range(0, len(rows), 10_000):
            connection.execute(insert(Entry), rows[start:start + 10_000])
