"""The batch store of ingestion as it was before the one-statement path, for same-run ratios:
look the external ids up, then add one ORM object per new event and flush."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.entries import AnyInput, Provenance, add_unless_known, entry_row
from storage.models import Entry


def _known(session: Session, workspace_id: str, external_ids: list[str]) -> set[str]:
    known: set[str] = set()
    for start in range(0, len(external_ids), 500):
        known.update(session.scalars(select(Entry.external_id).where(
            Entry.workspace_id == workspace_id,
            Entry.external_id.in_(external_ids[start:start + 500]))))
    return known


def add_many_one_by_one(session: Session, workspace_id: str,
                        items: list[tuple[AnyInput, Provenance]]) -> list[bool]:
    known = _known(session, workspace_id, [origin.external_id for _, origin in items])
    fresh = [(entry, origin) for entry, origin in items if origin.external_id not in known]
    try:
        with session.begin_nested():
            session.add_all([entry_row(workspace_id, entry, origin) for entry, origin in fresh])
            session.flush()
        stored = {origin.external_id for _, origin in fresh}
    except IntegrityError:
        stored = {origin.external_id for entry, origin in fresh
                  if add_unless_known(session, workspace_id, entry, origin) is not None}
    return [origin.external_id in stored for _, origin in items]


@contextmanager
def before() -> Iterator[None]:
    """Ingestion with the earlier store, while the block runs."""
    with mock.patch("ritual.ingestion.add_many_unless_known", add_many_one_by_one):
        yield
