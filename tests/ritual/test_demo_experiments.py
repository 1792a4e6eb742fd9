"""The sample business judges its own experiments and asks about its one unexplained bend."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from capture.inputs import NoteInput
from metrics.weeks import IsoWeek
from ritual.digest_data import gather
from storage.db import Database
from storage.entries import Provenance, add_entry
from storage.models import Workspace
from storage.sample_business import DEMO_TEAM, seed_sample_business


def demo_digest(sqlite_url: str, today: date):
    db = Database(sqlite_url)
    db.upgrade()
    now = datetime.combine(today, time(8), UTC)
    with db.session() as session:
        seed_sample_business(session, today, now)
    with db.reader() as session:
        return gather(session, session.get(Workspace, DEMO_TEAM), IsoWeek.of(today).previous(), now)


@pytest.mark.parametrize("today", [date(2026, 11, 30), date(2027, 1, 4), date(2027, 3, 1)])
def test_free_shipping_is_confirmed_reels_too_early_and_one_bend_is_a_question(sqlite_url, today):
    data = demo_digest(sqlite_url, today)
    verdicts = {e["hypothesis"].split()[0]: e for e in data.experiments}
    assert verdicts["Versandkostenfrei"]["verdict"] == "confirmed"
    assert verdicts["Versandkostenfrei"]["kpi"] == "average_order_value"
    assert verdicts["Versandkostenfrei"]["interval_pct"][0] > 0
    assert verdicts["Reels"]["verdict"] == "too_early" and verdicts["Reels"]["weeks_needed"]
    assert verdicts["Eine"]["reason"] == "too_few_weeks_after"
    questions = [b for b in data.bends if b["question_asked"]]
    assert [b["kpi"] for b in questions] == ["revenue"]
    assert questions[0]["after"] > questions[0]["before"]


def test_an_answer_to_the_bend_question_explains_the_bend_in_the_next_digest(sqlite_url):
    today = date(2026, 11, 30)
    [question] = [b for b in demo_digest(sqlite_url, today).bends if b["question_asked"]]
    week = IsoWeek.parse(question["week"])
    db = Database(sqlite_url)
    now = datetime.combine(today, time(9), UTC)
    with db.session() as session:
        add_entry(session, DEMO_TEAM, NoteInput("Ein Café bestellt seitdem jeden Tag", week.end,
                                                "context"), Provenance("U0ANNA", now, "thread"))
    with db.reader() as session:
        data = gather(session, session.get(Workspace, DEMO_TEAM), IsoWeek.of(today).previous(), now)
    [bend] = [b for b in data.bends if b["kpi"] == "revenue" and b["week"] == question["week"]]
    assert not bend["question_asked"]
    assert [n["text"] for n in bend["notes"]] == ["Ein Café bestellt seitdem jeden Tag"]
    assert bend["notes"][0]["number"] > 1  # numbered after the sample business's notes
    db.dispose()
