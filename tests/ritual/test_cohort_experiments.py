"""Experiments on customers: a hypothesis may name the repurchase rate or the cohorts' month-1
retention, judged on the cohorts of imported orders."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from capture.context import ParseContext
from capture.hypothesis import parse_hypothesis
from capture.inputs import NoteInput
from metrics.weeks import IsoWeek
from ritual.deps import Deps
from ritual.digest_data import kpi_settings
from ritual.experiments import experiments
from ritual.file_import import ImportRequest, ImportSummary, import_file
from storage.db import Database
from storage.entries import Provenance, add_entry
from storage.frames import load_inputs
from storage.models import Workspace
from tests.bot.conftest import MovableClock

NOW = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)
TEAM = "TEXP"


def shop_export() -> bytes:
    """Ten new customers a month from January to August; 2 of each of the first four cohorts
    order again in their next month, 6 of each later one (a loyalty card from May on)."""
    lines = ["order_id,order_date,status,order_total,tax_total,customer_email"]

    def order(day: date, who: str) -> None:
        lines.append(f"{len(lines)},{day:%m/%d/%Y} 10:00:00,completed,20.00,0,{who}@example.com")

    for month in range(1, 9):
        for number in range(10):
            order(date(2026, month, 3), f"m{month}c{number}")
        for number in range(2 if month < 5 else 6):
            order(date(2026, month + 1, 4), f"m{month}c{number}")
    order(date(2026, 9, 30), "late")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def db(database_url):
    db = Database(database_url)
    outcome = import_file(Deps(db=db, clock=MovableClock(NOW)),
                          ImportRequest(team_id=TEAM, data=shop_export()))
    assert isinstance(outcome, ImportSummary)
    yield db
    db.dispose()


def judged(db: Database, text: str) -> dict:
    with db.session() as session:
        add_entry(session, TEAM, NoteInput(text, date(2026, 5, 1), "hypothesis"),
                  Provenance("U1", NOW, "slash"))
    with db.reader() as session:
        workspace = session.get(Workspace, TEAM)
        inputs = load_inputs(session, TEAM)
        found = experiments(session, workspace, IsoWeek(2026, 40), inputs,
                            kpi_settings(workspace), NOW)
    assert len(found) == 1
    return found[0]


def test_a_hypothesis_may_name_the_month_one_retention_of_cohorts(db):
    result = judged(db, "Treuekarte kpi:retention_m1 up since:2026-05-01")
    assert result["kpi"] == "retention_m1_pct"
    assert (result["weeks_before"], result["weeks_after"]) == (4, 4)  # cohorts, not weeks
    assert round(result["before"]) == 20 and round(result["after"]) == 60
    assert result["verdict"] == "confirmed"


def test_a_hypothesis_may_name_the_repurchase_rate(db):
    result = judged(db, "Treuekarte kpi:wiederkaufrate up since:2026-05-01")
    assert result["kpi"] == "repurchase_rate_pct"
    assert result["verdict"] != "not_judgeable" and result["after"] > result["before"]


def test_the_names_are_understood_in_both_languages():
    ctx = ParseContext(today=date(2026, 10, 5), lang="de")
    for name, key in (("repurchase_rate_pct", "repurchase_rate_pct"),
                      ("kohorte_m1", "retention_m1_pct"), ("retention_m1_pct", "retention_m1_pct")):
        assert parse_hypothesis(f"Test kpi:{name} up", ctx).kpi == key
