"""The digest in two parts: a compact channel message, then one thread reply with the details."""

from __future__ import annotations

from datetime import timedelta

from slack_sdk.models.blocks import Block

from bot.digest.scheduler import DigestScheduler
from storage.models import Workspace
from storage.sample_business import DEMO_TEAM
from tests.bot.conftest import MovableClock
from tests.bot.test_scheduler import (
    INSTALLED_LAST_WEEK,
    MONDAY_0900_BERLIN_WINTER,
    attempted,
    make_scheduler,
    seed,
)

THREAD_EVENT = "northstar_digest_thread"


def details(fake_slack) -> list:
    return [c for c in fake_slack.calls_to("chat.postMessage") if c.args.get("thread_ts")]


def post_demo_digest(database_url, fake_slack, lang="de") -> DigestScheduler:
    clock = MovableClock(MONDAY_0900_BERLIN_WINTER + timedelta(minutes=1))
    scheduler = make_scheduler(database_url, fake_slack, clock, "thread")
    seed(scheduler, INSTALLED_LAST_WEEK)
    with scheduler.deps.db.session() as session:
        session.get(Workspace, DEMO_TEAM).language = lang
    scheduler.tick()
    return scheduler


def test_channel_message_is_short_and_the_thread_holds_scorecard_experiments_and_bends(
        database_url, fake_slack):
    post_demo_digest(database_url, fake_slack)
    [digest] = fake_slack.top_level_posts()
    [reply] = details(fake_slack)
    assert reply.args["thread_ts"] == fake_slack.messages_in("C0KPI")[0].ts
    assert reply.args["metadata"]["event_type"] == THREAD_EVENT
    channel, thread = str(digest.args["blocks"]), str(reply.args["blocks"])
    assert "Braucht Aufmerksamkeit" in channel and "im Thread" in channel
    assert "*Scorecard*" not in channel and "Ø Bestellwert" not in channel and "90-%" not in channel
    assert "*Scorecard*" in thread and "*Experimente*" in thread
    assert "✅ bestätigt" in thread and "Ø Bestellwert" in thread and "90-%-Intervall" in thread
    assert "⏳ zu früh – noch etwa" in thread
    assert "was ist passiert? Antworte im Thread mit „KW" in thread
    for blocks in (digest.args["blocks"], reply.args["blocks"]):
        assert len(blocks) <= 50
        assert all(Block.parse(block).to_dict() == block for block in blocks)
    buttons = [e["value"] for b in reply.args["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert any(value.endswith(":confirmed:confirmed") for value in buttons)


def test_the_english_thread_says_the_same(database_url, fake_slack):
    post_demo_digest(database_url, fake_slack, lang="en")
    thread = str(details(fake_slack)[0].args["blocks"])
    assert "✅ confirmed" in thread and "Average order value" in thread and "90 % interval" in thread
    assert "what happened? Reply in the thread starting with “W" in thread


def test_experiment_charts_go_into_the_thread_beside_the_others(database_url, fake_slack):
    post_demo_digest(database_url, fake_slack)
    names = {f["filename"] for f in fake_slack.uploaded_files}
    assert {"2026-W47-north_star.png", "2026-W47-money.png", "2026-W47-error_rate.png"} <= names
    assert any(name.startswith("2026-W47-experiment-") for name in names)


def test_a_failed_upload_retried_later_posts_the_details_once(database_url, fake_slack):
    fake_slack.fail_next("files.completeUploadExternal", error="internal_error")
    scheduler = post_demo_digest(database_url, fake_slack)
    assert [d.charts_status for d in attempted(scheduler)] != ["done"]
    scheduler.deps.clock.advance(hours=2)
    scheduler.tick()
    assert len(fake_slack.top_level_posts()) == 1 and len(details(fake_slack)) == 1
    names = [f["filename"] for f in fake_slack.uploaded_files]
    assert names.count("2026-W47-north_star.png") == 1


def test_the_statistics_behind_a_problem_are_in_the_thread_with_what_they_mean(
        database_url, fake_slack):
    post_demo_digest(database_url, fake_slack)
    [digest] = fake_slack.top_level_posts()
    [reply] = details(fake_slack)
    channel, thread = str(digest.args["blocks"]), str(reply.args["blocks"])
    assert "EWMA" not in channel and "Wahrscheinlichkeit" not in channel
    assert "Zeitzone" not in channel
    assert "EWMA" in thread and "Wahrscheinlichkeit" in thread and "Was das heißt" in thread
    assert "Notiz " in thread and "kpi:" not in thread  # numbered notes, no experiment syntax
