"""The batch path of ingestion on SQLite and PostgreSQL: one statement per batch, each
external id stored at most once, a refused row not costing the others."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from capture.inputs import CostInput, HoursInput, MetricInput, NoteInput
from storage.db import Database
from storage.entries import Provenance
from storage.entry_batches import add_many_unless_known
from storage.models import Entry, Workspace

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
DAY = date(2026, 11, 20)
KINDS = (
    CostInput(Decimal("49.90"), "tools", "fixed", "Zapier", DAY, "shop", "month"),
    HoursInput(Decimal("1.5"), "support", "Tickets", DAY, None),
    MetricInput("revenue", Decimal("89.90"), DAY, "shop"),
    NoteInput("Newsletter moved", DAY, "context"),
)


@pytest.fixture
def db(db):
    """T1 and T2."""
    with db.session() as session:
        session.add(Workspace(id="T2", created_at=NOW))
    return db


def items(ids, source: str = "ingest"):
    return [(KINDS[n % len(KINDS)], Provenance(None, NOW, source, external_id=external_id))
            for n, external_id in enumerate(ids)]


def store(db: Database, team: str, batch) -> list[bool]:
    with db.session() as session:
        return add_many_unless_known(session, team, batch)


def rows(db: Database, team: str = "T1") -> list[Entry]:
    with db.reader() as session:
        return list(session.scalars(select(Entry).where(Entry.workspace_id == team)
                                    .order_by(Entry.id)))


def test_a_batch_is_stored_with_every_field_in_batch_order(db):
    ids = [f"e-{n}" for n in range(12)]
    assert store(db, "T1", items(ids)) == [True] * 12
    stored = rows(db)
    assert [row.external_id for row in stored] == ids
    cost, hours, metric, note = stored[:4]
    assert (cost.kind, cost.quantity, cost.category, cost.cost_class, cost.every, cost.channel,
            cost.description) == ("cost", Decimal("49.90"), "tools", "fixed", "month", "shop",
                                  "Zapier")
    assert (hours.kind, hours.quantity, hours.activity) == ("hours", Decimal("1.5"), "support")
    assert (metric.metric, metric.quantity, metric.channel) == ("revenue", Decimal("89.90"), "shop")
    assert (note.kind, note.note_kind, note.description, note.quantity) == (
        "note", "context", "Newsletter moved", None)
    assert cost.entered_at == NOW and cost.occurred_on == DAY and cost.source == "ingest"


def test_a_batch_sent_twice_stores_nothing_twice(db):
    ids = [f"e-{n}" for n in range(1000)]
    assert all(store(db, "T1", items(ids)))
    assert store(db, "T1", items(ids)) == [False] * 1000
    assert len(rows(db)) == 1000


def test_known_and_new_ids_mixed(db):
    store(db, "T1", items(["a", "b"]))
    assert store(db, "T1", items(["b", "c", "a", "d"])) == [False, True, False, True]
    assert [row.external_id for row in rows(db)] == ["a", "b", "c", "d"]


def test_an_id_repeated_within_a_batch_is_stored_once_for_its_first_item(db):
    assert store(db, "T1", items(["x", "y", "x", "x"])) == [True, True, False, False]
    stored = rows(db)
    assert [row.external_id for row in stored] == ["x", "y"]
    assert stored[0].kind == "cost"


def test_the_same_id_in_another_workspace_is_another_entry(db):
    store(db, "T1", items(["shared"]))
    assert store(db, "T2", items(["shared"])) == [True]
    assert len(rows(db, "T1")) == len(rows(db, "T2")) == 1


def test_a_row_the_database_refuses_does_not_cost_the_others(db):
    batch = items(["ok-1", "bad", "ok-2"])
    batch[1] = (batch[1][0], Provenance(None, NOW, None, external_id="bad"))  # source is NOT NULL
    assert store(db, "T1", batch) == [True, False, True]
    assert [row.external_id for row in rows(db)] == ["ok-1", "ok-2"]


def test_an_empty_batch_stores_nothing(db):
    assert store(db, "T1", []) == []
    assert rows(db) == []
