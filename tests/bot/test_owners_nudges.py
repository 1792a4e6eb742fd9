"""Owners, nudges, pauses and away over signed requests and the fake Slack, in both languages."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.app import web_client
from bot.digest.scheduler import DigestScheduler
from bot.nudge_sender import NudgeJob
from bot.process_config import BotConfig
from storage.models import Digest, Workspace
from storage.owners_tables import AwayPerson, InputOwner, KnownNone, Nudge, PausedWeek
from tests.bot.conftest import BOT_TOKEN
from tests.bot.helpers import (
    ack_text,
    assert_valid_blocks,
    button_payload,
    view_submission_payload,
)
from tests.ritual.nudge_world import BEN, NUDGE_MOMENT, WEEK, seed_world

TEAM = "T0ACCEPT"
WORDS = {
    "de": {"set": "verantwortlich ist jetzt", "admins": "Workspace-Admins", "paused": "Pausiert",
           "resumed": "Weiter geht's", "away": "abwesend", "back": "Willkommen zurück",
           "person": "keine Person", "gaps": "Nicht erfasst", "owner_away": "abwesend",
           "none": "nichts diese woche", "record": "Erfassen", "pause_usage": "Beispiel",
           "lifted": "ist nicht mehr pausiert", "not_paused": "war nicht pausiert"},
    "en": {"set": "now owned by", "admins": "workspace admins", "paused": "Paused",
           "resumed": "Resumed", "away": "away until", "back": "Welcome back",
           "person": "not a person", "gaps": "Not recorded", "owner_away": "Owner away",
           "none": "nothing this week", "record": "Record", "pause_usage": "Example",
           "lifted": "is no longer paused", "not_paused": "was not paused"},
}


@pytest.fixture(params=["de", "en"])
def lang(request) -> str:
    return request.param


@pytest.fixture
def shop(bot, lang):
    """The bot with Anna's and Ben's workspace, in the language, at the nudge moment."""
    seed_world(bot.db, TEAM, lang)
    bot.clock.current = NUDGE_MOMENT + timedelta(minutes=1)
    return bot


def job(bot) -> NudgeJob:
    config = BotConfig(bot_token=BOT_TOKEN, signing_secret="s", app_token=None,
                       api_url=bot.fake.api_url, database_url="")
    return NudgeJob(bot.deps, web_client(config), "test")


def dms(bot) -> list:
    return [c for c in bot.fake.calls_to("chat.postMessage") if c.args["channel"].startswith("D")]


def test_owner_commands_set_list_and_clear(shop, lang):
    words = WORDS[lang]
    _, body, _ = shop.slack.command("/kpi", "owner orders <@U0BEN|ben>")
    assert words["set"] in ack_text(body) and "<@U0BEN>" in ack_text(body)
    _, body, _ = shop.slack.command("/kpi", "owner")
    listing = ack_text(body)
    typed = {"de": ("bestellungen", "kosten", "umsatz"), "en": ("orders", "costs", "revenue")}[lang]
    assert f"(`{typed[0]}`): <@U0BEN>" in listing and f"(`{typed[1]}`): <@U0BEN>" in listing
    assert f"(`{typed[2]}`): <@U0ANNA>" in listing
    _, body, _ = shop.slack.command("/kpi", "owner orders -")
    with shop.db.reader() as session:
        assert session.scalars(select(InputOwner)).all() == []
    _, body, _ = shop.slack.command("/kpi", "owner orders @ben")
    assert words["person"] in ack_text(body)
    _, body, _ = shop.slack.command("/kpi", "owner orders <@U0BEN|ben>", user_id="U0OTHER")
    assert words["admins"] in ack_text(body)
    with shop.db.reader() as session:
        assert session.scalars(select(InputOwner)).all() == []


def test_goal_with_an_owner(shop, lang):
    _, body, _ = shop.slack.command("/kpi", "goal error_rate_per_100 3 owner:<@U0BEN|ben>")
    assert "<@U0BEN>" in ack_text(body)
    with shop.db.reader() as session:
        [owner] = session.scalars(select(InputOwner)).all()
    assert (owner.subject, owner.user_id) == ("error_rate_per_100", BEN)


@pytest.mark.postgres  # smoke test on both databases
def test_nudge_goes_only_to_the_owner_with_gaps_once_even_when_slack_fails_once(shop, lang):
    shop.fake.fail_next("chat.postMessage", "internal_error")
    nudges = job(shop)
    assert nudges.tick() == []
    shop.clock.advance(minutes=5)
    assert nudges.tick() == [(TEAM, BEN)]
    assert nudges.tick() == [] and job(shop).tick() == []
    refused, dm = dms(shop)  # Slack refused the first; the retry after the backoff went out
    assert refused.args["channel"] == dm.args["channel"] == "D0BEN"
    assert {c.args["users"] for c in shop.fake.calls_to("conversations.open")} == {BEN}
    assert len(shop.fake.messages_in("D0BEN")) == 1 and shop.fake.messages_in("D0ANNA") == []
    blocks = dm.args["blocks"]
    assert_valid_blocks(blocks)
    text = json.dumps(blocks, ensure_ascii=False)
    assert WORDS[lang]["record"] in text and "nudge_none:costs" in text and "nudge_none:leads" in text
    assert shop.fake.violations == []


def test_buttons_open_the_prefilled_form_and_record_nothing_this_week(shop, lang):
    job(shop).tick()
    url = shop.fake.response_url("nudge")
    shop.slack.action(button_payload("nudge_none:costs", f"{WEEK}|costs|2026-11-22",
                                     user_id=BEN, response_url=url))
    [response] = shop.fake.wait_for_response()
    assert WORDS[lang]["none"] in json.dumps(response, ensure_ascii=False).lower()
    with shop.db.reader() as session:
        [known] = session.scalars(select(KnownNone)).all()
    assert (known.week, known.input, known.recorded_by) == (str(WEEK), "costs", BEN)
    shop.slack.action(button_payload("nudge_record:leads", f"{WEEK}|leads|2026-11-22",
                                     user_id=BEN))
    [opened] = shop.fake.wait_for("views.open")
    view = opened.args["view"]
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert blocks["metric"]["element"]["initial_option"]["value"] == "leads"
    assert blocks["date"]["element"]["initial_date"] == "2026-11-22"
    shop.slack.command("/kpi", "digest", response_url=shop.fake.response_url("digest"))
    preview = shop.fake.wait_for_response(count=2)[-1]
    text = json.dumps(preview, ensure_ascii=False)
    assert "<@U0BEN>" in text and WORDS[lang]["gaps"] in text


def test_away_owner_gets_no_nudge_and_is_flagged_in_the_digest(shop, lang):
    _, body, _ = shop.slack.command("/kpi", "away until 2026-12-31", user_id=BEN)
    assert WORDS[lang]["away"] in ack_text(body)
    assert job(shop).tick() == [] and dms(shop) == []
    url = shop.fake.response_url("digest")
    shop.slack.command("/kpi", "digest", response_url=url)
    [preview] = shop.fake.wait_for_response()
    assert WORDS[lang]["owner_away"] in json.dumps(preview, ensure_ascii=False)
    _, body, _ = shop.slack.command("/kpi", "away off", user_id=BEN)
    assert WORDS[lang]["back"] in ack_text(body)
    with shop.db.reader() as session:
        assert session.scalars(select(AwayPerson)).all() == []
    _, body, _ = shop.slack.command("/kpi", "away maybe", user_id=BEN)
    assert WORDS[lang]["pause_usage"] in ack_text(body)


def test_pause_skips_nudges_and_the_digest_and_resume_lifts_it(shop, lang):
    words = WORDS[lang]
    _, body, _ = shop.slack.command("/kpi", "pause 2026-W47", user_id="U0OTHER")
    assert words["admins"] in ack_text(body)
    _, body, _ = shop.slack.command("/kpi", "pause 2026-W47")
    assert words["paused"] in ack_text(body) and "2026-W47" in ack_text(body)
    assert job(shop).tick() == [] and dms(shop) == []
    scheduler = DigestScheduler(shop.deps, job(shop).sender.clients, "test")
    shop.clock.current = NUDGE_MOMENT + timedelta(hours=18, minutes=5)  # Monday 09:05 Berlin
    assert scheduler.tick() == []
    assert shop.fake.messages_in("C0KPI") == []
    with shop.db.reader() as session:
        digest = session.scalar(select(Digest).where(Digest.week == str(WEEK)))
        assert digest.status == "skipped" and session.scalars(select(Nudge)).all() == []
    _, body, _ = shop.slack.command("/kpi", "pause until 2027-01-04")
    assert "2026-W53" in ack_text(body) and "2027-W01" not in ack_text(body)
    _, body, _ = shop.slack.command("/kpi", "pause someday")
    assert words["pause_usage"] in ack_text(body)
    _, body, _ = shop.slack.command("/kpi", "resume")
    assert words["resumed"] in ack_text(body)
    with shop.db.reader() as session:
        assert [p.week for p in session.scalars(select(PausedWeek))] == [str(WEEK)]


def test_resume_with_a_week_lifts_that_past_weeks_pause(shop, lang):
    words = WORDS[lang]
    shop.slack.command("/kpi", "pause 2026-W45")
    shop.slack.command("/kpi", "pause 2026-W47")
    _, body, _ = shop.slack.command("/kpi", "resume 2026-w45", user_id="U0OTHER")
    assert words["admins"] in ack_text(body)
    _, body, _ = shop.slack.command("/kpi", "resume 2026-w45")
    assert words["lifted"] in ack_text(body) and "2026-W45" in ack_text(body)
    _, body, _ = shop.slack.command("/kpi", "resume 2026-W45")
    assert words["not_paused"] in ack_text(body)
    _, body, _ = shop.slack.command("/kpi", "resume soon")
    assert words["pause_usage"] in ack_text(body) and "resume 2026-W47" in ack_text(body)
    with shop.db.reader() as session:
        assert [p.week for p in session.scalars(select(PausedWeek))] == ["2026-W47"]


def test_nudge_setting_and_help(shop, lang):
    _, body, _ = shop.slack.command("/kpi", "settings nudge sun 18:00")
    assert "(`nudge`): sun 18:00" in ack_text(body)
    _, body, _ = shop.slack.command("/kpi", "settings nudge sometime")
    assert "nudge" in ack_text(body) and "off" in ack_text(body)
    _, body, _ = shop.slack.command("/kpi", "help")
    for command in ("/kpi owner", "/kpi pause", "/kpi resume", "/kpi away", "nudge"):
        assert command in ack_text(body)


def test_settings_form_shows_and_sets_owners_and_the_nudge(shop, lang):
    shop.slack.command("/kpi", "owner leads <@U0ANNA|anna>")
    shop.slack.command("/kpi", "settings")
    [opened] = shop.fake.wait_for("views.open")
    blocks = {b["block_id"]: b for b in opened.args["view"]["blocks"]}
    assert blocks["owner.leads"]["element"]["initial_user"] == "U0ANNA"
    assert "initial_user" not in blocks["owner.orders"]["element"]
    assert_valid_blocks(opened.args["view"]["blocks"])
    assert shop.fake.violations == []
    fields = {"nudge": {"type": "plain_text_input", "value": "sat 12:00"},
              "owner.orders": {"type": "users_select", "selected_user": BEN},
              "owner.leads": {"type": "users_select", "selected_user": None}}
    status, body, _ = shop.slack.view_submission(view_submission_payload("settings_modal", fields))
    assert status == 200 and body == ""
    with shop.db.reader() as session:
        owners = {o.subject: o.user_id for o in session.scalars(select(InputOwner))}
        assert owners == {"orders": BEN}
        assert session.get(Workspace, TEAM).nudge == "sat 12:00"
    fields = {"nudge": {"type": "plain_text_input", "value": "someday"},
              "owner.orders": {"type": "users_select", "selected_user": None}}
    _, body, _ = shop.slack.view_submission(view_submission_payload("settings_modal", fields))
    assert "nudge" in json.loads(body)["errors"]
    with shop.db.reader() as session:
        assert {o.subject for o in session.scalars(select(InputOwner))} == {"orders"}


def test_the_background_scheduler_runs_the_nudge_job_next_to_the_digest(shop, lang):
    from bot.digest.scheduler import start_background

    scheduler = DigestScheduler(shop.deps, job(shop).sender.clients, "test")
    background = start_background(scheduler)
    try:
        names = sorted(j.func.__qualname__ for j in background.get_jobs())
    finally:
        background.shutdown(wait=True)
    assert "DigestScheduler.tick" in names and "NudgeJob.tick" in names


def test_the_posted_digest_names_the_owner_of_each_gap(shop, lang):
    nothing = button_payload("nudge_none:costs", f"{WEEK}|costs|2026-11-22", user_id=BEN,
                             response_url=shop.fake.response_url("none"))
    shop.slack.action(nothing)
    shop.fake.wait_for_response()
    scheduler = DigestScheduler(shop.deps, job(shop).sender.clients, "test")
    shop.clock.current = NUDGE_MOMENT + timedelta(hours=18, minutes=5)
    assert scheduler.tick() == [TEAM]
    [digest] = shop.fake.messages_in("C0KPI")
    text = json.dumps(digest.blocks, ensure_ascii=False)
    assert WORDS[lang]["gaps"] in text and "(<@U0BEN>)" in text
    known = {"de": "Bekannt, nichts diese Woche: Kosten", "en": "Known, nothing this week: costs"}
    assert known[lang] in text
