"""A pushed batch is stored in transactions of a chunk each (short on SQLite), and still
exactly once: bigger than a chunk, sent twice, or failing in its second chunk and sent again."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

import storage.entry_batches
from ritual.deps import Deps
from ritual.ingestion import ingest_events
from storage.db import Database
from storage.entry_batches import chunk_size
from storage.models import Entry, Workspace
from tests.clock import MovableClock

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
TEAM = "T0CHUNK"


@pytest.fixture
def deps(database_url):
    db = Database(database_url)
    with db.session() as session:
        session.add(Workspace(id=TEAM, created_at=NOW))
    yield Deps(db=db, clock=MovableClock(NOW))
    db.dispose()


@pytest.fixture
def chunk(deps) -> int:
    """Entries per transaction on this database (SQLite 100, PostgreSQL 1,000)."""
    return chunk_size(deps.db)


def events(count: int) -> list[dict]:
    return [{"type": "metric", "metric": "revenue", "value": f"{n}.50", "external_id": f"e-{n}",
             "occurred_on": "2026-11-20"} for n in range(count)]


def stored_ids(deps: Deps) -> list[str]:
    with deps.db.reader() as session:
        return list(session.scalars(select(Entry.external_id).where(Entry.workspace_id == TEAM)
                                    .order_by(Entry.id)))


def fail_in_chunk(monkeypatch, number: int) -> list[int]:
    """Make storing the `number`th chunk (from 1) raise as a lost database would; the sizes
    of the chunks handed to the database are recorded."""
    real, sizes = storage.entry_batches.insert_new, []

    def insert_new(session, rows):
        sizes.append(len(rows))
        if len(sizes) == number:
            raise OperationalError("INSERT", None, Exception("database went away"))
        return real(session, rows)

    monkeypatch.setattr(storage.entry_batches, "insert_new", insert_new)
    return sizes


def test_a_batch_bigger_than_a_chunk_is_stored_once_in_chunks(deps, chunk, monkeypatch):
    size = 2 * chunk + 37  # three chunks, the last one short
    sizes = fail_in_chunk(monkeypatch, number=0)  # never fails: only counts
    result = ingest_events(deps, TEAM, events(size))
    assert sizes == [chunk, chunk, 37]
    assert [item["index"] for item in result.accepted] == list(range(size))
    assert stored_ids(deps) == [f"e-{n}" for n in range(size)]
    again = ingest_events(deps, TEAM, events(size))
    assert (again.accepted, len(again.duplicates)) == ([], size)
    assert len(stored_ids(deps)) == size


def test_a_failure_in_the_second_chunk_keeps_the_first_and_a_retry_stores_nothing_twice(
        deps, chunk, monkeypatch):
    size = 2 * chunk + 37
    fail_in_chunk(monkeypatch, number=2)
    with pytest.raises(OperationalError):
        ingest_events(deps, TEAM, events(size))
    assert stored_ids(deps) == [f"e-{n}" for n in range(chunk)]
    monkeypatch.undo()

    retry = ingest_events(deps, TEAM, events(size))

    assert [item["index"] for item in retry.duplicates] == list(range(chunk))
    assert [item["index"] for item in retry.accepted] == list(range(chunk, size))
    assert stored_ids(deps) == [f"e-{n}" for n in range(size)]
    with deps.db.reader() as session:
        assert session.scalar(select(func.count(func.distinct(Entry.external_id)))
                              .where(Entry.workspace_id == TEAM)) == size


def test_bad_events_and_repeats_across_chunks_are_still_told_apart(deps, chunk):
    batch = events(chunk + 10)
    batch[3] = {"type": "metric", "metric": "revenue", "value": "lots", "external_id": "bad"}
    batch.append(dict(batch[chunk + 5]))  # the same id again, in the last chunk
    result = ingest_events(deps, TEAM, batch)
    assert [item["index"] for item, _ in result.rejected] == [3]
    assert [item["index"] for item in result.duplicates] == [chunk + 10]
    assert len(result.accepted) == chunk + 9
    assert len(stored_ids(deps)) == chunk + 9


def test_no_write_transaction_is_open_while_events_are_read(deps, monkeypatch):
    """Parsing happens before the first write: a broken batch takes no write lock at all."""
    opened = []
    real = deps.db.session

    def session():
        opened.append(True)
        return real()

    monkeypatch.setattr(deps.db, "session", session)
    result = ingest_events(deps, TEAM, [{"type": "nonsense", "external_id": "x"}, 7])
    assert len(result.rejected) == 2 and opened == []
