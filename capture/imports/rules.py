"""Rules for bank and PayPal lines: a pattern in counterparty or purpose gives a category.

Matching ignores case; the longest matching pattern wins. Without a rule, the category the
workspace already gave a line of the same counterparty is used. Special categories: `revenue`
(an inflow counts as revenue when the bank is the revenue source) and `transfer` (neither).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from capture.imports.records import Record, RowError
from capture.vocabulary import category_of

RULED_KINDS = frozenset({"money_in", "money_out"})
CATEGORY = re.compile(r"[a-zäöüß0-9_-]{1,64}")
MIN_PATTERN = 3

# the special categories in German
GERMAN_SPECIAL = {"umsatz": "revenue", "umbuchung": "transfer"}


@dataclass(frozen=True)
class Rule:
    pattern: str
    category: str


def checked_rule(pattern: str, category: str) -> Rule:
    """A rule from what a person typed; RowError `import_rule_invalid` when it cannot be one."""
    pattern, category = " ".join(pattern.strip().strip("\"'„“”").split()), category.strip().lower()
    category = GERMAN_SPECIAL.get(category) or category_of(category)
    if len(pattern) < MIN_PATTERN or len(pattern) > 100 or not CATEGORY.fullmatch(category):
        raise RowError("import_rule_invalid", pattern=pattern, category=category)
    return Rule(pattern, category)


def matches(rule: Rule, counterparty: str | None, purpose: str | None) -> bool:
    needle = rule.pattern.casefold()
    return needle in (counterparty or "").casefold() or needle in (purpose or "").casefold()


class Categoriser:
    """The category of a line by the workspace's rules, else by its counterparty's earlier one."""

    def __init__(self, rules: Iterable[Rule], assigned: dict[str, str]) -> None:
        self.rules = sorted(rules, key=lambda rule: -len(rule.pattern))
        self.assigned = assigned

    def category(self, record: Record) -> str | None:
        if record.kind not in RULED_KINDS:
            return None
        rule = next((rule for rule in self.rules
                     if matches(rule, record.counterparty, record.purpose)), None)
        if rule is not None:
            return rule.category
        return self.assigned.get(record.counterparty.casefold()) if record.counterparty else None
