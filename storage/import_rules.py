"""A workspace's rules for bank and PayPal lines, and the categories its lines already have."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from capture.imports.rules import RULED_KINDS, Rule, matches
from storage.import_tables import ImportedRow, ImportRule

CHUNK = 500


def rules_of(session: Session, workspace_id: str) -> list[Rule]:
    """The workspace's rules, by pattern."""
    rows = session.execute(select(ImportRule.pattern, ImportRule.category).where(
        ImportRule.workspace_id == workspace_id).order_by(ImportRule.pattern))
    return [Rule(pattern, category) for pattern, category in rows]


def counterparty_categories(session: Session, workspace_id: str) -> dict[str, str]:
    """For each counterparty with categorised lines, its (most recent) category."""
    rows = session.execute(select(ImportedRow.counterparty, ImportedRow.category,
                                  func.max(ImportedRow.id)).where(
        ImportedRow.workspace_id == workspace_id, ImportedRow.category.is_not(None),
        ImportedRow.counterparty.is_not(None)).group_by(
        ImportedRow.counterparty, ImportedRow.category).order_by(func.max(ImportedRow.id)))
    return {counterparty.casefold(): category for counterparty, category, _ in rows}


def save_rule(session: Session, workspace_id: str, rule: Rule, user: str | None,
              now: datetime) -> None:
    """Store a rule (a rule with the same pattern gets the new category)."""
    row = session.scalar(select(ImportRule).where(ImportRule.workspace_id == workspace_id,
                                                  ImportRule.pattern == rule.pattern))
    if row is None:
        session.add(ImportRule(workspace_id=workspace_id, pattern=rule.pattern,
                               category=rule.category, created_by=user, created_at=now))
    else:
        row.category, row.created_by, row.created_at = rule.category, user, now


def apply_rule(session: Session, workspace_id: str, rule: Rule) -> int:
    """Give the rule's category to the workspace's open lines it matches; how many."""
    rows = session.execute(select(ImportedRow.id, ImportedRow.counterparty, ImportedRow.purpose)
                           .where(ImportedRow.workspace_id == workspace_id,
                                  ImportedRow.category.is_(None),
                                  ImportedRow.kind.in_(sorted(RULED_KINDS))))
    ids = [row_id for row_id, counterparty, purpose in rows if matches(rule, counterparty, purpose)]
    for start in range(0, len(ids), CHUNK):
        session.execute(update(ImportedRow).where(ImportedRow.id.in_(ids[start:start + CHUNK]))
                        .values(category=rule.category))
    return len(ids)


@dataclass(frozen=True)
class OpenLine:
    """A bank or PayPal line no rule categorised yet."""

    id: int
    occurred_on: date
    amount: Decimal
    currency: str
    counterparty: str | None
    purpose: str | None


def _open(workspace_id: str):
    return (ImportedRow.workspace_id == workspace_id, ImportedRow.category.is_(None),
            ImportedRow.kind.in_(sorted(RULED_KINDS)))


def open_lines(session: Session, workspace_id: str, limit: int) -> tuple[list[OpenLine], int]:
    """The most recent open lines (the largest first within a day), at most `limit`, and how
    many there are in all."""
    total = session.scalar(select(func.count()).select_from(ImportedRow).where(*_open(workspace_id)))
    rows = session.execute(select(ImportedRow.id, ImportedRow.occurred_on, ImportedRow.amount,
                                  ImportedRow.currency, ImportedRow.counterparty,
                                  ImportedRow.purpose).where(*_open(workspace_id)).order_by(
        ImportedRow.occurred_on.desc(), func.abs(ImportedRow.amount).desc(),
        ImportedRow.id.desc()).limit(limit))
    return [OpenLine(*row) for row in rows], total or 0


def open_line(session: Session, workspace_id: str, line_id: int) -> OpenLine | None:
    """One of the workspace's lines by its id, when it is still open."""
    row = session.execute(select(ImportedRow.id, ImportedRow.occurred_on, ImportedRow.amount,
                                 ImportedRow.currency, ImportedRow.counterparty,
                                 ImportedRow.purpose).where(
        ImportedRow.id == line_id, *_open(workspace_id))).first()
    return OpenLine(*row) if row is not None else None
