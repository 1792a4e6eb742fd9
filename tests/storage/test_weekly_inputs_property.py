"""Property: after any sequence of writes, the weekly inputs kept in the database equal a fresh
computation from the entries and imported rows, on SQLite and PostgreSQL.

The writes go through the use cases people trigger (commands, edits, deletes, undo, CSV and
file imports and their undo, ingestion batches, settings, goals); App Home is opened between
them at random, so kept weeks exist and then go stale. Each example is its own workspace.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from capture.forms import input_from_form
from metrics.kept_totals import totals_from_json, totals_json
from metrics.totals import window_totals
from metrics.weeks import IsoWeek
from ritual.csv_import import import_csv
from ritual.deps import Deps
from ritual.edits import edit_entry
from ritual.entries import remove_entry, undo_last
from ritual.file_import import ImportRequest, ImportSummary, import_file, undo
from ritual.goals import set_goal
from ritual.ingestion import ingest_events
from ritual.recording import record_command
from ritual.scorecard_grid import GRID_WEEKS, LOOKBACK_WEEKS, build_grid
from ritual.workspace_settings import change_settings
from storage.db import Database
from storage.frames import load_inputs
from storage.models import Entry, Workspace
from storage.weekly_inputs import kept_weeks

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
FILES = ("stripe_balance.csv", "sparkasse_camt.csv", "shopify_payments.csv", "n26.csv")
NOW = datetime(2026, 3, 27, 10, tzinfo=UTC)  # the fixtures' exports are of March 2026
CURRENT = IsoWeek.of(NOW.date())
USER = "U0ANNA"
TEAMS = (f"TPROP{number:04d}" for number in itertools.count())

days = st.integers(min_value=0, max_value=400).map(lambda back: NOW.date() - timedelta(days=back))
amounts = st.integers(min_value=1, max_value=5000)
metrics = st.sampled_from(["revenue", "orders", "errors", "new_customers", "active_customers",
                           "churned_customers", "leads", "first_response_minutes"])
pick = st.integers(min_value=0, max_value=10_000)

operations = st.one_of(
    st.tuples(st.just("cost"), days, amounts, st.sampled_from(["ads", "goods", "tools"]),
              st.sampled_from(["", " every:month", " every:year"])),
    st.tuples(st.just("hours"), days, st.integers(1, 12), st.sampled_from(["sales", "support"])),
    st.tuples(st.just("record"), days, amounts, metrics),
    st.tuples(st.just("note"), days),
    st.tuples(st.just("edit"), pick, days, amounts),
    st.tuples(st.just("delete"), pick),
    st.tuples(st.just("undo"),),
    st.tuples(st.just("csv"), days, amounts, st.sampled_from(["cost,ads", "metric,revenue"])),
    st.tuples(st.just("ingest"), st.lists(st.tuples(days, amounts, metrics), min_size=1,
                                          max_size=5)),
    st.tuples(st.just("settings"), st.sampled_from(["ads", "goods", "tools", "payment_fees"]),
              st.sampled_from(["acquisition", "variable", "fixed"])),
    st.tuples(st.just("goal"), st.sampled_from(["revenue", "cac", "ltv", "error_rate_per_100"]),
              amounts),
    st.tuples(st.just("file"), st.sampled_from(FILES)),
    st.tuples(st.just("undo_file"), pick),
    st.tuples(st.just("open_home"),),
)


def starts() -> list[date]:
    return [week.start for week in CURRENT.window(GRID_WEEKS + LOOKBACK_WEEKS)]


def live_ids(deps: Deps, team: str, kind: str | None = None) -> list[int]:
    with deps.db.reader() as session:
        query = select(Entry.id).where(Entry.workspace_id == team, Entry.deleted_at.is_(None))
        if kind:
            query = query.where(Entry.kind == kind)
        return list(session.scalars(query.order_by(Entry.id)))


def apply(deps: Deps, team: str, operation: tuple, imports: list[str]) -> None:
    """One write as a person (or a sender) makes it; refusals are fine, they store nothing."""
    name, *args = operation
    if name == "cost":
        day, amount, category, every = args
        record_command(deps, "cost", team, USER, f"{amount} {category} date:{day}{every}")
    elif name == "hours":
        day, hours, activity = args
        record_command(deps, "hours", team, USER, f"{hours}h {activity} date:{day}")
    elif name == "record":
        day, amount, metric = args
        record_command(deps, "record", team, USER, f"{metric} {amount} date:{day}")
    elif name == "note":
        record_command(deps, "note", team, USER, f"a note date:{args[0]}")
    elif name == "edit":
        ids = live_ids(deps, team, "metric")
        if ids:
            entry, day, amount = ids[args[0] % len(ids)], args[1], args[2]
            edit_entry(deps, team, USER, entry, lambda ctx: input_from_form(
                "record", {"metric": "revenue", "value": str(amount), "date": str(day)}, ctx),
                lambda: True)
    elif name == "delete":
        ids = live_ids(deps, team)
        if ids:
            remove_entry(deps, team, USER, ids[args[0] % len(ids)], lambda: True)
    elif name == "undo":
        undo_last(deps, team, USER)
    elif name == "csv":
        day, amount, kind_name = args
        import_csv(deps, team, USER, f"date,kind,name,amount\n{day},{kind_name},{amount}\n",
                   admin=True)
    elif name == "ingest":
        ingest_events(deps, team, [{"type": "metric", "occurred_on": str(day), "metric": metric,
                                    "value": amount} for day, amount, metric in args[0]])
    elif name == "settings":
        change_settings(deps, team, {"category": list(args)})
    elif name == "goal":
        set_goal(deps, team, [args[0], str(args[1])], USER)
    elif name == "file":
        outcome = import_file(deps, ImportRequest(team, (FIXTURES / args[0]).read_bytes()))
        if isinstance(outcome, ImportSummary) and outcome.import_id:
            imports.append(outcome.import_id)
    elif name == "undo_file" and imports:
        undo(deps, team, imports.pop(args[0] % len(imports)))
    elif name == "open_home":
        kept_weeks(deps.db, team, starts())


def assert_kept_equal_fresh(deps: Deps, team: str) -> None:
    kept, errors_since = kept_weeks(deps.db, team, starts())
    with deps.db.reader() as session:
        fresh = load_inputs(session, team)
        for start in starts():
            expected = totals_from_json(totals_json(window_totals(fresh, start,
                                                                  start + timedelta(days=6))))
            assert kept[start] == expected, start
        assert errors_since == fresh.first_errors_on()
        workspace = session.get(Workspace, team)
        on_kept = build_grid(session, workspace, CURRENT, GRID_WEEKS, deps.db)
        on_entries = build_grid(session, workspace, CURRENT, GRID_WEEKS)
        assert on_kept.to_json_dict() == on_entries.to_json_dict()


@pytest.fixture
def deps(database_url):
    db = Database(database_url)
    yield Deps(db=db, clock=lambda: NOW)
    db.dispose()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(steps=st.lists(operations, min_size=1, max_size=14))
def test_kept_weekly_inputs_equal_a_fresh_computation(deps, steps):
    team, imports = next(TEAMS), []
    record_command(deps, "record", team, USER, f"orders 3 date:{NOW.date()}")
    kept_weeks(deps.db, team, starts())
    for step in steps:
        apply(deps, team, step, imports)
    assert_kept_equal_fresh(deps, team)
