"""What the digest says: data gaps instead of zeros, both languages, within Block Kit limits."""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from slack_sdk.models.blocks import Block

from bot.digest.blocks import digest_blocks
from bot.digest.text import digest_text
from bot.digest.thread import thread_blocks
from metrics.weeks import IsoWeek
from ritual.digest_data import gather
from storage.db import Database
from storage.models import Workspace
from storage.sample_business import DEMO_TEAM, seed_sample_business
from tests.bot.conftest import MovableClock
from tests.bot.test_scheduler import (
    INSTALLED_LAST_WEEK,
    MONDAY_0900_BERLIN_WINTER,
    attempted,
    make_scheduler,
    seed,
)
from tests.ritual.test_thin_data import RECORDED, seed_thin_workspace
from tests.ritual.test_thin_data import TEAM as THIN_TEAM

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
WEEK = IsoWeek.parse("2026-W47")


def render(database_url: str, lang: str, with_data: bool):
    db = Database(database_url)
    with db.session() as session:
        if with_data:
            workspace = seed_sample_business(session, date(2026, 11, 23), NOW)
        else:
            workspace = Workspace(id="TEMPTY", created_at=NOW, kpi_channel="C0KPI")
            session.add(workspace)
            session.flush()
        workspace.language = lang
        data = gather(session, workspace, WEEK, NOW)
        return digest_blocks(data) + thread_blocks(data), digest_text(data)


def test_a_week_without_data_says_so_instead_of_zeros(database_url):
    blocks, text = render(database_url, "de", with_data=False)
    assert "Nicht erfasst diese Woche: Umsatz, Bestellungen, Kosten" in text
    assert "k. A." in text and " 0 €" not in text and "0,00 €" not in text
    assert "Keine Aussage" in text
    for block in blocks:
        assert Block.parse(block).to_dict() == block


def test_an_empty_workspace_is_told_what_is_missing_and_how_to_record_it(database_url):
    _, german = render(database_url, "de", with_data=False)
    channel = german.split("Erste Antwort im Thread")[0]
    assert "Alle Ziele erreicht" not in german and "Keine Drift" not in german
    assert "Noch kein Urteil über Fehlerquote" in channel and "dafür fehlen Daten" in channel
    assert "erst 0 von 4 Wochen erfasst" in channel  # the north star's window, not a 0
    assert "`/kpi record umsatz 1200`" in channel and "`/cost 300 wareneinsatz`" in channel


def test_an_empty_english_workspace_gets_the_commands_in_english(sqlite_url):
    _, english = render(sqlite_url, "en", with_data=False)
    assert "Every goal met" not in english and "No drift" not in english
    assert "No verdict yet on Error rate" in english
    assert "`/kpi record revenue 1200`" in english and "`/cost 300 goods`" in english


def test_english_digest_of_the_sample_business(database_url):
    blocks, text = render(database_url, "en", with_data=True)
    assert "Weekly digest W47 · Nov 16–Nov 22, 2026" in text
    assert "What is blocking us?" in text and "Experiments" in text
    channel, thread = text.split("First reply in the thread")
    assert "Needs attention" in channel and "most frequent cause: rework" in channel
    assert "📈 Error rate" in thread and "What this means" in thread
    assert "hypothesis_outcome:confirmed" in json.dumps(blocks)


def test_german_digest_names_the_spike_and_the_payback_drift(database_url):
    _, text = render(database_url, "de", with_data=True)
    channel, thread = text.split("Erste Antwort im Thread")
    assert "🔴 Fehlerquote" in channel and "häufigste Ursache: Nacharbeit" in channel
    assert "📈 Payback" in thread and "in Folge gestiegen" in thread
    assert "Neue Aushilfe im Versand" in text


def test_two_schedulers_ticking_at_the_same_moment_post_once(database_url, fake_slack):
    clock = MovableClock(MONDAY_0900_BERLIN_WINTER + timedelta(minutes=2))
    first = make_scheduler(database_url, fake_slack, clock, "one")
    second = make_scheduler(database_url, fake_slack, clock, "two")
    seed(first, INSTALLED_LAST_WEEK)
    barrier = threading.Barrier(2)

    def tick(scheduler):
        barrier.wait()
        scheduler.tick()

    threads = [threading.Thread(target=tick, args=(s,)) for s in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(fake_slack.top_level_posts()) == 1
    assert [d.status for d in attempted(first)] == ["posted"]
    with first.deps.db.session() as session:
        assert session.get(Workspace, DEMO_TEAM).kpi_channel == "C0KPI"


def test_the_first_digests_of_a_new_workspace_say_what_they_cannot_judge_yet(sqlite_url):
    db = Database(sqlite_url)
    db.upgrade()
    seed_thin_workspace(db)
    texts = {}
    for week in (RECORDED[0], RECORDED[3]):
        with db.reader() as session:
            data = gather(session, session.get(Workspace, THIN_TEAM), week,
                          datetime.combine(week.end + timedelta(days=1), datetime.min.time(), UTC))
        texts[week] = digest_text(data).split("Erste Antwort im Thread")
    (first, _), (fourth, fourth_thread) = texts[RECORDED[0]], texts[RECORDED[3]]
    assert "erst 1 von 4 Wochen erfasst" in first and "Alle Ziele erreicht" not in first
    assert "Noch kein Urteil über Fehlerquote" in first and "Payback" in first
    assert "`/kpi record fehler 1 cause:nacharbeit`" in first  # errors: not recorded yet
    assert "173,93" in fourth and "Noch kein Urteil über Fehlerquote" in fourth
    assert "Payback" not in fourth.split("Noch kein Urteil")[1].split("\n")[0]  # judged: fine
    assert "🚨" not in first + fourth and "/kpi record umsatz" not in fourth
    assert "✅ Im normalen Rahmen: Payback." in fourth_thread and "Keine Drift" not in fourth_thread
    db.dispose()


@pytest.mark.parametrize(("lang", "name", "jargon", "stats", "split"), [
    ("de", "Fehlerquote", ("EWMA", "Wahrscheinlichkeit", "Grenze"), "Was das heißt",
     "Erste Antwort im Thread"),
    ("en", "Error rate", ("EWMA", "probability", "limit"), "What this means",
     "First reply in the thread")])
def test_an_error_problem_is_one_plain_line_in_the_channel_and_its_statistics_in_the_thread(
        sqlite_url, lang, name, jargon, stats, split):
    _, text = render(sqlite_url, lang, with_data=True)
    channel, thread = text.split(split)
    lines = [line for line in channel.splitlines() if name in line]
    assert len(lines) == 1, lines
    assert lines[0].strip().startswith(f"🔴 {name} ")
    assert all(word not in channel for word in jargon)
    assert "EWMA" in thread and stats in thread
    assert lines[0].strip() not in thread  # the thread does not repeat the channel's line
    assert "Zeitzone" not in text and "Time zone" not in text
