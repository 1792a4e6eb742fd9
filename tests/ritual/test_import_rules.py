"""Rules categorise bank lines: costs by category, revenue and transfers by rule, reapplied."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from ritual.deps import Deps
from ritual.file_import import ImportRefusal, ImportRequest, ImportSummary, import_file
from ritual.import_rules import RuleSaved, add_rule, list_rules
from storage.db import Database
from storage.frames import load_inputs
from tests.bot.conftest import MovableClock

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
TEAM = "T1"


@pytest.fixture
def deps(database_url):
    db = Database(database_url)
    yield Deps(db=db, clock=MovableClock(datetime(2026, 3, 23, 9, 0, tzinfo=UTC)))
    db.dispose()


def bank_import(deps: Deps) -> ImportSummary:
    outcome = import_file(deps, ImportRequest(TEAM, (FIXTURES / "sparkasse_camt.csv").read_bytes()))
    assert isinstance(outcome, ImportSummary)
    return outcome


def sums(deps: Deps) -> tuple[dict, dict]:
    with deps.db.reader() as session:
        inputs = load_inputs(session, TEAM)
    costs = inputs.costs.groupby(["category", "cost_class"])["amount"].sum().to_dict()
    return inputs.metrics.groupby("metric")["value"].sum().to_dict(), costs


def test_a_rule_categorises_the_open_lines_it_matches_with_the_category_class(deps):
    bank_import(deps)

    saved = add_rule(deps, TEAM, "U0OWNER", "hoster", "software")

    assert isinstance(saved, RuleSaved) and saved.assigned == 1
    _, costs = sums(deps)
    assert costs == {("software", "fixed"): Decimal("29.90"),
                     ("uncategorized", "fixed"): Decimal("6.40")}


def test_rules_are_applied_to_later_imports_and_counterparties_keep_their_category(deps):
    add_rule(deps, TEAM, "U0OWNER", "Kaffee", "bewirtung")
    add_rule(deps, TEAM, "U0OWNER", "Rechnung 2026", "revenue")

    summary = bank_import(deps)

    metrics, costs = sums(deps)
    assert metrics == {"revenue": Decimal("1500.00")}  # no shop or processor: the bank's rule
    assert costs[("bewirtung", "fixed")] == Decimal("6.40")
    assert summary.weeks["2026-W10"].uncategorized == 1  # only the hosting line is open


def test_a_transfer_rule_takes_a_line_out_of_the_costs(deps):
    bank_import(deps)
    add_rule(deps, TEAM, "U0OWNER", "café ecke", "transfer")

    _, costs = sums(deps)
    assert costs == {("uncategorized", "fixed"): Decimal("29.90")}


def test_bank_revenue_rules_give_way_to_a_processor(deps):
    add_rule(deps, TEAM, "U0OWNER", "Rechnung 2026", "revenue")
    bank_import(deps)
    import_file(deps, ImportRequest(TEAM, (FIXTURES / "stripe_balance.csv").read_bytes()))

    metrics, _ = sums(deps)
    assert metrics["revenue"] == Decimal("150.00")  # Stripe's, not Stripe's plus the bank's


def test_too_short_patterns_and_odd_categories_are_refused(deps):
    short = add_rule(deps, TEAM, "U0OWNER", "ab", "software")
    odd = add_rule(deps, TEAM, "U0OWNER", "hoster", "soft ware!")

    assert isinstance(short, ImportRefusal) and short.code == "import_rule_invalid"
    assert isinstance(odd, ImportRefusal)
    assert list_rules(deps, TEAM).rules == []
