"""Storing imported export rows by key, listing and undoing imports, and summing rows by day."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from capture.imports.records import Parsed, Record
from capture.imports.weekly import DayTotal
from storage.import_tables import ImportedRow, ImportRecord, ImportSecret

CHUNK = 2000
COMPARED = ("occurred_on", "kind", "amount", "fee", "tax")


class ImportNotFound(LookupError):
    """No import of this id in the workspace, or it was undone already."""


@dataclass(frozen=True)
class Stored:
    """What storing a file's records did: new rows, rows updated in place, rows already there."""

    new: list[tuple[str, Record]]
    updated: list[tuple[str, Record]]
    duplicate: int


def customer_secret(session: Session, workspace_id: str) -> bytes:
    """The workspace's key for customer hashes (made on first use)."""
    row = session.get(ImportSecret, workspace_id)
    if row is None:
        row = ImportSecret(workspace_id=workspace_id, secret=secrets.token_hex(32))
        session.add(row)
        session.flush()
    return row.secret.encode()


def customer_key(secret: bytes, customer: str | None) -> str | None:
    """A keyed hash of a normalised e-mail or customer id, without spaces and case (one
    address written two ways is one customer; the address itself is never kept)."""
    normal = "".join((customer or "").split()).casefold()
    if not normal:
        return None
    return hmac.new(secret, normal.encode(), hashlib.sha256).hexdigest()


def known_rows(session: Session, workspace_id: str, source: str) -> dict[str, tuple]:
    """The keys already stored for a source, with the values a changed row is compared on."""
    columns = [getattr(ImportedRow, name) for name in COMPARED]
    rows = session.execute(select(ImportedRow.key, *columns).where(
        ImportedRow.workspace_id == workspace_id, ImportedRow.source == source))
    return {key: tuple(values) for key, *values in rows}


def _values(record: Record) -> tuple:
    return tuple(getattr(record, name) for name in COMPARED)


def sort_records(parsed: Parsed, known: dict[str, tuple]) -> Stored:
    """Which records are new, which changed in place (mutable ones), which are there already."""
    new, updated, duplicate, seen = [], [], 0, set()
    for key, record in parsed.records:
        if key in seen:
            duplicate += 1
            continue
        seen.add(key)
        if key not in known:
            new.append((key, record))
        elif record.mutable and known[key] != _values(record):
            updated.append((key, record))
        else:
            duplicate += 1
    return Stored(new, updated, duplicate)


def _row(workspace_id: str, import_id: str, parsed: Parsed, key: str, record: Record,
         secret: bytes, category: str | None) -> dict:
    return {"workspace_id": workspace_id, "import_id": import_id, "source": parsed.source,
            "family": parsed.family, "key": key, "line": record.line,
            "occurred_on": record.occurred_on, "kind": record.kind, "amount": record.amount,
            "fee": record.fee, "tax": record.tax, "currency": record.currency,
            "counterparty": record.counterparty[:200] or None, "purpose": record.purpose or None,
            "customer_key": customer_key(secret, record.customer),
            "order_id": (record.order_id or "")[:100] or None, "category": category}


def store(session: Session, workspace_id: str, import_id: str, parsed: Parsed, stored: Stored,
          category_of: Callable[[Record], str | None] = lambda record: None) -> None:
    """Insert the new rows (with the category `category_of` gives) and update the changed
    ones (in the caller's transaction)."""
    secret = customer_secret(session, workspace_id)
    table = ImportedRow.__table__
    for start in range(0, len(stored.new), CHUNK):  # parameters built per chunk: less memory
        session.execute(insert(table), [
            _row(workspace_id, import_id, parsed, key, record, secret, category_of(record))
            for key, record in stored.new[start:start + CHUNK]])
    for key, record in stored.updated:
        session.execute(update(table).where(
            table.c.workspace_id == workspace_id, table.c.source == parsed.source,
            table.c.key == key).values(**{name: getattr(record, name) for name in COMPARED}))


def add_import(session: Session, record: ImportRecord) -> None:
    session.add(record)
    session.flush()


def list_imports(session: Session, workspace_id: str) -> list[ImportRecord]:
    """The workspace's imports, newest first."""
    return list(session.scalars(select(ImportRecord).where(
        ImportRecord.workspace_id == workspace_id).order_by(ImportRecord.created_at.desc(),
                                                             ImportRecord.id)))


def undo_import(session: Session, workspace_id: str, import_id: str, now: datetime) -> int:
    """Remove the rows an import stored (and nothing else); how many were removed."""
    record = session.get(ImportRecord, import_id)
    if record is None or record.workspace_id != workspace_id or record.undone_at is not None:
        raise ImportNotFound(import_id)
    removed = session.execute(ImportedRow.__table__.delete().where(
        ImportedRow.workspace_id == workspace_id, ImportedRow.import_id == import_id)).rowcount
    record.undone_at = now
    return removed


def families(session: Session, workspace_id: str) -> set[str]:
    """The families of source (shop, processor, bank) the workspace has rows of."""
    return set(session.scalars(select(ImportedRow.family).where(
        ImportedRow.workspace_id == workspace_id).distinct()))


def day_totals(session: Session, workspace_id: str, since: date | None = None,
               until: date | None = None) -> list[DayTotal]:
    """The workspace's imported rows summed per day, family and kind (from `since` up to
    `until`)."""
    query = select(ImportedRow.occurred_on, ImportedRow.family, ImportedRow.kind,
                   func.sum(ImportedRow.amount), func.sum(ImportedRow.fee),
                   func.sum(ImportedRow.tax), func.count(), ImportedRow.category).where(
        ImportedRow.workspace_id == workspace_id).group_by(
        ImportedRow.occurred_on, ImportedRow.family, ImportedRow.kind, ImportedRow.category)
    if since is not None:
        query = query.where(ImportedRow.occurred_on >= since)
    if until is not None:
        query = query.where(ImportedRow.occurred_on <= until)
    return [DayTotal(*row) for row in session.execute(query)]


def record_totals(records: Iterable[Record], family: str,
                  category_of: Callable[[Record], str | None] = lambda record: None
                  ) -> list[DayTotal]:
    """The same sums over records not stored yet (a preview's figures)."""
    sums: dict[tuple, list] = {}
    for record in records:
        total = sums.setdefault((record.occurred_on, record.kind, category_of(record)),
                                [0, 0, 0, 0])
        total[0] += record.amount
        total[1] += record.fee
        total[2] += record.tax
        total[3] += 1
    return [DayTotal(day, family, kind, *values, category)
            for (day, kind, category), values in sums.items()]
