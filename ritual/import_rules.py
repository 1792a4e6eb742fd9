"""`/kpi rule PATTERN CATEGORY`: a rule for bank and PayPal lines, applied to the open ones."""

from __future__ import annotations

from dataclasses import dataclass

from capture.imports.records import RowError
from capture.imports.rules import Rule, checked_rule
from ritual.context import read_workspace, workspace_for_team
from ritual.deps import Deps
from ritual.file_import import ImportRefusal
from storage.import_rules import apply_rule, rules_of, save_rule


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


def add_rule(deps: Deps, team_id: str, user: str | None, pattern: str,
             category: str) -> RuleSaved | ImportRefusal:
    """Store the rule and categorise the open lines it matches, in one transaction."""
    now = deps.now()
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, now)
        try:
            rule = checked_rule(pattern, category)
        except RowError as error:
            return ImportRefusal(workspace.language, error.code, dict(error.params))
        save_rule(session, team_id, rule, user, now)
        return RuleSaved(workspace.language, rule, apply_rule(session, team_id, rule))


def list_rules(deps: Deps, team_id: str) -> RuleList:
    with deps.db.reader() as session:
        workspace = read_workspace(session, team_id, deps.now())
        return RuleList(workspace.language, rules_of(session, team_id))
