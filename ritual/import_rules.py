"""`/kpi rule PATTERN CATEGORY`: a rule for bank and PayPal lines, applied to the open ones;
the open lines listed in the digest's thread, and a category chosen there for one of them (a
rule for its counterparty)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from capture.imports.records import RowError
from capture.imports.rules import Rule, checked_rule
from ritual.context import read_workspace, workspace_for_team
from ritual.deps import Deps
from ritual.file_import import ImportRefusal
from storage.import_rules import OpenLine, apply_rule, open_line, open_lines, rules_of, save_rule
from storage.workspaces import category_classes

MAX_OPEN_SHOWN = 10
SPECIAL_CATEGORIES = ("revenue", "transfer")


@dataclass(frozen=True)
class RuleSaved:
    """The rule as stored, and how many open lines it categorised now."""

    lang: str
    rule: Rule
    assigned: int


@dataclass(frozen=True)
class RuleList:
    lang: str
    rules: list[Rule]


@dataclass(frozen=True)
class OpenLines:
    """The open lines the digest's thread lists, how many there are, the categories offered."""

    lines: list[OpenLine]
    total: int
    categories: list[str]


def add_rule(deps: Deps, team_id: str, user: str | None, pattern: str,
             category: str) -> RuleSaved | ImportRefusal:
    """Store the rule and categorise the open lines it matches, in one transaction."""
    now = deps.now()
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, now)
        return _saved(session, workspace.language, team_id, user, pattern, category, now)


def _saved(session: Session, lang: str, team_id: str, user: str | None, pattern: str,
           category: str, now) -> RuleSaved | ImportRefusal:
    try:
        rule = checked_rule(pattern, category)
    except RowError as error:
        return ImportRefusal(lang, error.code, dict(error.params))
    save_rule(session, team_id, rule, user, now)
    return RuleSaved(lang, rule, apply_rule(session, team_id, rule))


def assign_line(deps: Deps, team_id: str, user: str | None, line_id: int,
                category: str) -> RuleSaved | ImportRefusal:
    """Give an open line a category by a rule for its counterparty (else its purpose), which
    categorises the other open lines of that counterparty and later imports too."""
    now = deps.now()
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, now)
        line = open_line(session, team_id, line_id)
        if line is None:
            return ImportRefusal(workspace.language, "import_line_not_open", {})
        counterparty = " ".join((line.counterparty or "").split())
        pattern = counterparty if len(counterparty) >= 3 else " ".join((line.purpose or "").split())
        return _saved(session, workspace.language, team_id, user, pattern[:100], category, now)


def open_lines_of(session: Session, workspace_id: str) -> OpenLines:
    """The most recent open lines (at most 10) with the categories a person may choose."""
    lines, total = open_lines(session, workspace_id, MAX_OPEN_SHOWN)
    categories = sorted(set(category_classes(session, workspace_id)) - {"uncategorized"})
    return OpenLines(lines, total, [*categories, *SPECIAL_CATEGORIES])


def list_rules(deps: Deps, team_id: str) -> RuleList:
    with deps.db.reader() as session:
        workspace = read_workspace(session, team_id, deps.now())
        return RuleList(workspace.language, rules_of(session, team_id))
