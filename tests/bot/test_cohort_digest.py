"""Cohorts in the ritual: the heat map and one line in the first digest of a month, App Home's
repeat purchases of the last cohorts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.digest.blocks import digest_blocks
from bot.digest.charts import chart_title, render_cohort_chart
from bot.digest.text import digest_text
from bot.surfaces.home import home_text
from metrics.weeks import IsoWeek
from ritual.deps import Deps
from ritual.digest_data import gather
from ritual.file_import import ImportRequest, ImportSummary, import_file
from ritual.scorecard_grid import build_grid
from storage.db import Database
from storage.models import Workspace
from tests.bot.conftest import MovableClock

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
TEAM = "TCOHORT"
FIRST_OF_MAY = IsoWeek(2026, 18)  # posted on Monday 4 May
LATER_IN_MAY = IsoWeek(2026, 19)  # posted on Monday 11 May


def shop_export() -> bytes:
    """Ten new customers in each of January, February and March; 2, 2 and then 5 of them
    order again in the following month; one new customer on 30 April."""
    lines = ["order_id,order_date,status,order_total,tax_total,customer_email"]

    def order(day: date, who: str) -> None:
        lines.append(f"{len(lines)},{day:%m/%d/%Y} 10:00:00,completed,20.00,0,{who}@example.com")

    for month, returning in ((1, 2), (2, 2), (3, 5)):
        for number in range(10):
            order(date(2026, month, 5), f"m{month}c{number}")
        for number in range(returning):
            order(date(2026, month + 1, 6), f"m{month}c{number}")
    order(date(2026, 4, 30), "late")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def db(database_url):
    db = Database(database_url)
    outcome = import_file(Deps(db=db, clock=MovableClock(NOW)),
                          ImportRequest(team_id=TEAM, data=shop_export()))
    assert isinstance(outcome, ImportSummary) and outcome.new == 40
    yield db
    db.dispose()


def digest(db: Database, week: IsoWeek, lang: str = "en"):
    with db.session() as session:
        workspace = session.get(Workspace, TEAM)
        workspace.language, workspace.kpi_channel = lang, "C0KPI"
        return gather(session, workspace, week, NOW)


def test_the_first_digest_of_a_month_shows_the_cohorts_and_says_who_returns_better(db):
    data = digest(db, FIRST_OF_MAY)
    assert data.monthly
    line = ("New customers of March 2026 ordered again in the following month more often: "
            "50 % against 20 % on average in the 2 cohorts before.")
    assert line in digest_text(data)
    assert any(line in str(block) for block in digest_blocks(data))
    chart = render_cohort_chart(data)
    assert chart["cohorts"].startswith(b"\x89PNG")
    assert chart_title("cohorts", data) == "Cohorts by month of first order"


def test_the_line_is_german_in_a_german_workspace(db):
    text = digest_text(digest(db, FIRST_OF_MAY, "de"))
    assert "Die Neukunden aus März 2026 haben im Folgemonat öfter wieder bestellt: 50 % statt " \
           "20 % im Schnitt der 2 Kohorten davor." in text


def test_other_digests_of_the_month_leave_the_cohorts_out(db):
    data = digest(db, LATER_IN_MAY)
    assert not data.monthly
    assert render_cohort_chart(data) == {}
    assert "ordered again" not in digest_text(data)


def test_app_home_shows_the_repeat_purchases_of_the_last_cohorts(db):
    with db.reader() as session:
        grid = build_grid(session, session.get(Workspace, TEAM), FIRST_OF_MAY)
    assert ("Wiederkauf (Anteil mit zweiter Bestellung) der letzten Kohorten: "
            "Jan. 26 20 % · Feb. 26 20 % · März 26 50 %") in home_text(grid)  # April: too young


def test_app_home_on_the_kept_weekly_inputs_shows_the_same_cohorts(db):
    with db.reader() as session:
        kept = build_grid(session, session.get(Workspace, TEAM), FIRST_OF_MAY, db=db)
        fresh = build_grid(session, session.get(Workspace, TEAM), FIRST_OF_MAY)
    assert kept.cohorts and kept.cohorts == fresh.cohorts
