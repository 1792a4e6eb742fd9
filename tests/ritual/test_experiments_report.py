"""A hypothesis that names its KPI is judged in the report; bends come with their notes."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime

import ritual.experiments
from bot.digest.thread import thread_blocks
from capture.inputs import NoteInput
from metrics.weeks import IsoWeek
from ritual.digest_data import gather, kpi_settings
from ritual.experiments import change_points, experiments
from storage.db import Database
from storage.entries import Provenance, add_entry
from storage.models import Workspace
from storage.sample_business import DEMO_TEAM, seed_sample_business
from texts import t

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
    assert bends and all(b["question_asked"] == (b["notes"] == b["candidates"] == []) for b in bends)


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


def _seed_with_hypotheses(sqlite_url, notes: list[tuple[str, date]]) -> Database:
    db = Database(sqlite_url)
    db.upgrade()
    with db.session() as session:
        seed_sample_business(session, date(2026, 11, 23), NOW)
        for text, day in notes:  # stored as an old version stored them: without today's checks
            add_entry(session, DEMO_TEAM, NoteInput(text=text, occurred_on=day, kind="hypothesis"),
                      Provenance("U0OWNER", NOW, "slash"))
    return db


def test_stored_hypotheses_from_the_year_1_or_1900_leave_the_digest_whole_and_quick(sqlite_url):
    db = _seed_with_hypotheses(sqlite_url, [
        ("Uralt kpi:average_order_value up 5% since:0001-01-01", date(2026, 11, 20)),
        ("Alt kpi:revenue up since:1900-01-01", date(2026, 11, 20)),
        ("Seit 2001 kpi:revenue up since:2001-01-01", date(2026, 11, 20)),
        ("Ohne Start kpi:revenue up", date(1, 1, 1)),
        ("Gratisversand kpi:average_order_value up 5% since:2026-09-07", date(2026, 9, 7))])
    started = time.process_time()
    with db.reader() as session:
        workspace = session.get(Workspace, DEMO_TEAM)
        data = gather(session, workspace, WEEK, NOW)
        every = experiments(session, workspace, WEEK, data.inputs, kpi_settings(workspace), NOW)
    assert time.process_time() - started < 3
    assert [e["hypothesis"] for e in data.experiments if e["since"] == "2026-09-07"] == ["Gratisversand"]
    judged = {e["hypothesis"]: e for e in every}
    assert "Uralt" not in judged and "Alt" not in judged  # no start before 2000: no experiment
    assert judged["Gratisversand"]["weeks_before"] == 12
    for old in ("Ohne Start", "Seit 2001"):
        assert (judged[old]["verdict"], judged[old]["reason"]) == ("not_judgeable", "started_too_long_ago")


def test_one_experiment_that_fails_is_shown_as_not_judged_and_the_others_are_judged(
        sqlite_url, monkeypatch, caplog):
    db = _seed_with_hypotheses(sqlite_url, [
        ("Kaputt kpi:revenue up since:2026-09-07", date(2026, 9, 7)),
        ("Gratisversand kpi:average_order_value up 5% since:2026-09-07", date(2026, 9, 7))])
    judge = ritual.experiments.judge_experiment

    def broken_for_revenue(kpi, *args, **kwargs):
        if kpi == "revenue":
            raise ZeroDivisionError("a defect in the statistics")
        return judge(kpi, *args, **kwargs)

    monkeypatch.setattr(ritual.experiments, "judge_experiment", broken_for_revenue)
    with db.reader() as session:
        data = gather(session, session.get(Workspace, DEMO_TEAM), WEEK, NOW)
    judged = {e["hypothesis"]: e for e in data.experiments}
    assert judged["Gratisversand"]["weeks_before"] == 12
    assert (judged["Kaputt"]["verdict"], judged["Kaputt"]["reason"]) == ("not_judgeable", "judging_failed")
    assert "a defect in the statistics" in caplog.text
    thread = json.dumps(thread_blocks(data), ensure_ascii=False)
    assert "Kaputt" in thread and t("experiment.judging_failed", data.lang) in thread
