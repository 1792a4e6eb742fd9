"""Property: after a file was imported, re-importing any subset of its rows stores nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from ritual.deps import Deps
from ritual.file_import import ImportRequest, ImportSummary, import_file
from storage.db import Database
from storage.import_tables import ImportedRow
from tests.bot.conftest import MovableClock
from tests.database_copies import sqlite_copy

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
# (file, encoding, lines before the first data row)
FILES = {"sparkasse_camt.csv": ("cp1252", 1), "stripe_balance.csv": ("utf-8", 1),
         "paypal_de.csv": ("utf-8-sig", 1), "dkb.csv": ("utf-8-sig", 5), "ing.csv": ("cp1252", 14),
         "commerzbank.csv": ("utf-8-sig", 1), "shopify_payments.csv": ("utf-8", 1),
         "woocommerce.csv": ("utf-8", 1), "n26.csv": ("utf-8", 1),
         "stripe_payments.csv": ("utf-8", 1), "woocommerce_analytics.csv": ("utf-8", 1)}


@pytest.fixture(scope="module")
def imported(tmp_path_factory, sqlite_template) -> Deps:
    db = Database(sqlite_copy(sqlite_template, tmp_path_factory.mktemp("property")))
    deps = Deps(db=db, clock=MovableClock(datetime(2026, 3, 23, tzinfo=UTC)))
    for name in FILES:
        outcome = import_file(deps, ImportRequest("T1", (FIXTURES / name).read_bytes()))
        assert isinstance(outcome, ImportSummary) and outcome.new > 0
    yield deps
    db.dispose()


def _count(deps: Deps) -> int:
    with deps.db.reader() as session:
        return session.scalar(select(func.count()).select_from(ImportedRow))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(FILES)), data=st.data())
def test_reimporting_any_subset_of_rows_stores_nothing_new(imported, name, data):
    encoding, head = FILES[name]
    lines = (FIXTURES / name).read_bytes().decode(encoding).splitlines(keepends=True)
    body = list(range(head, len(lines)))
    kept = data.draw(st.lists(st.sampled_from(body), unique=True).map(sorted))
    subset = "".join(lines[:head] + [lines[number] for number in kept])
    before = _count(imported)

    outcome = import_file(imported, ImportRequest("T1", subset.encode(encoding)))

    assert isinstance(outcome, ImportSummary)
    assert (outcome.new, outcome.updated, outcome.import_id) == (0, 0, None)
    assert _count(imported) == before
