"""The 13-week grid marks paused weeks as paused (not as gaps) and names the owner of a gap."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from metrics.weeks import IsoWeek
from ritual.scorecard_grid import build_grid
from storage.db import Database
from storage.models import Workspace
from storage.sample_business import DEMO_TEAM, seed_sample_business
from storage.sample_owners import OWNERS, PAUSED_WEEKS_AGO

TODAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 8, tzinfo=UTC)


def test_paused_week_is_marked_and_the_gap_names_its_owner(sqlite_url):
    db = Database(sqlite_url)
    db.upgrade()
    with db.session() as session:
        seed_sample_business(session, TODAY, NOW)
    last_week = IsoWeek.of(TODAY).previous()
    paused = IsoWeek.of(TODAY - timedelta(weeks=PAUSED_WEEKS_AGO))
    with db.reader() as session:
        grid = build_grid(session, session.get(Workspace, DEMO_TEAM), last_week)
    cells = {cell.week: cell for cell in grid.rows[0].cells}
    assert cells[paused].paused and cells[paused].value is None
    assert not cells[last_week].paused and cells[last_week].value is not None
    assert ("leads", OWNERS["leads"]) in grid.missing
    assert grid.to_json_dict()["rows"][0]["cells"][-1]["paused"] is False
