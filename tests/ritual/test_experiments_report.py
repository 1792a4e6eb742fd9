"""A hypothesis that names its KPI is judged in the report; bends come with their notes."""

from __future__ import annotations

from datetime import UTC, date, datetime

from capture.inputs import NoteInput
from metrics.weeks import IsoWeek
from ritual.digest_data import gather, kpi_settings
from ritual.experiments import change_points, experiments
from storage.db import Database
from storage.entries import Provenance, add_entry
from storage.models import Workspace
from storage.sample_business import DEMO_TEAM, seed_sample_business

NOW = datetime(2026, 11, 23, 8, tzinfo=UTC)
WEEK = IsoWeek.parse("2026-W47")


def test_a_named_kpi_is_judged_and_the_bends_carry_their_notes(sqlite_url):
    db = Database(sqlite_url)
    db.upgrade()
    with db.session() as session:
        seed_sample_business(session, date(2026, 11, 23), NOW)
        note = NoteInput(text="Versandkostenfrei ab 40 € kpi:average_order_value up 5% since:2026-09-07",
                         occurred_on=date(2026, 9, 7), kind="hypothesis")
        add_entry(session, DEMO_TEAM, note, Provenance("U0OWNER", NOW, "slash"))
    with db.reader() as session:
        workspace = session.get(Workspace, DEMO_TEAM)
        data = gather(session, workspace, WEEK, NOW)
        settings = kpi_settings(workspace)
        [judged] = [e for e in experiments(session, workspace, WEEK, data.inputs, settings, NOW)
                    if e["since"] == "2026-09-07"]
        bends = change_points(session, workspace, WEEK, data.trend)
    assert judged["kpi"] == "average_order_value" and judged["since"] == "2026-09-07"
    assert judged["verdict"] in ("confirmed", "refuted", "too_early", "not_judgeable")
    assert judged["weeks_before"] == 12 and judged["weeks_after"] >= 3
    assert judged["hypothesis"].startswith("Versandkostenfrei")
    assert bends and all(b["question_asked"] == (b["notes"] == []) for b in bends)


def test_an_error_rate_experiment_counts_quiet_weeks_as_zero_errors(sqlite_url):
    db = Database(sqlite_url)
    db.upgrade()
    with db.session() as session:
        seed_sample_business(session, date(2026, 11, 23), NOW)
        note = NoteInput(text="Pack-Checkliste kpi:error_rate_per_100 down since:2026-10-05",
                         occurred_on=date(2026, 10, 5), kind="hypothesis")
        add_entry(session, DEMO_TEAM, note, Provenance("U0OWNER", NOW, "slash"))
    with db.reader() as session:
        workspace = session.get(Workspace, DEMO_TEAM)
        data = gather(session, workspace, WEEK, NOW)
        judged = experiments(session, workspace, WEEK, data.inputs, kpi_settings(workspace), NOW)
    [rate] = [j for j in judged if j["kpi"] == "error_rate_per_100" and j["since"] == "2026-10-05"]
    assert rate["weeks_before"] == 12 and rate["weeks_after"] == 7
    assert rate["verdict"] in ("confirmed", "refuted", "too_early", "not_judgeable")
