"""`/kpi metric add` and `/kpi questions` as signed slash commands, and where their results show."""

from __future__ import annotations

import json
from decimal import Decimal

from sqlalchemy import select

from bot.digest.blocks import digest_blocks
from bot.digest.report import report_message
from bot.digest.text import channel_text
from bot.surfaces.home import home_text
from ritual.digest_data import week_digest
from ritual.scorecard_grid import trailing_grid
from storage.own_tables import FocusQuestions, OwnMetric
from tests.bot.helpers import ack_text, live_entries

TEAM = "T0ACCEPT"
ADD = 'metric add newsletter_signups "Newsletter-Anmeldungen" sum count'


def own_metrics(bot) -> list[tuple[str, str, str, str]]:
    with bot.db.session() as session:
        return [(m.key, m.label, m.aggregation, m.unit) for m in session.scalars(select(OwnMetric))]


def test_an_admin_defines_an_own_metric_and_records_it(bot):
    _, body, _ = bot.slack.command("/kpi", ADD)
    assert "newsletter_signups" in ack_text(body) and "Newsletter-Anmeldungen" in ack_text(body)
    assert own_metrics(bot) == [("newsletter_signups", "Newsletter-Anmeldungen", "sum", "count")]
    _, body, _ = bot.slack.command("/kpi", "record newsletter_signups 12")
    [entry] = live_entries(bot.db, TEAM)
    assert entry.metric == "newsletter_signups" and entry.quantity == Decimal(12)


def test_german_words_and_smart_quotes_define_a_money_level_metric(bot):
    bot.slack.command("/kpi", "kennzahl anlegen lagerwert „Lagerwert“ stand geld")
    assert own_metrics(bot) == [("lagerwert", "Lagerwert", "level", "money")]
    _, body, _ = bot.slack.command("/kpi", "metric")
    assert "`lagerwert` – Lagerwert" in ack_text(body)


def test_redefining_a_key_changes_it_instead_of_adding_a_second(bot):
    bot.slack.command("/kpi", ADD)
    bot.slack.command("/kpi", 'metric add newsletter_signups "Sign-ups" median')
    assert own_metrics(bot) == [("newsletter_signups", "Sign-ups", "median", "count")]


def test_a_member_cannot_define_a_metric(bot):
    _, body, _ = bot.slack.command("/kpi", ADD, user_id="U0OTHER")
    assert "Admins" in ack_text(body) and own_metrics(bot) == []


def test_bad_definitions_say_what_to_do_and_store_nothing(bot):
    for text, words in (("metric add", "/kpi metric add"), ("metric add Orders", "orders"),
                        ('metric add 9x "X"', "a–z"), ("metric add revenue", "revenue"),
                        ('metric add signups "S" daily', "sum, level, median")):
        _, body, _ = bot.slack.command("/kpi", text)
        assert words in ack_text(body), (text, ack_text(body))
    assert own_metrics(bot) == []


def test_an_unknown_metric_is_still_refused_when_recording(bot):
    _, body, _ = bot.slack.command("/kpi", "record newsletter_signups 12")
    assert "newsletter_signups" in ack_text(body) and live_entries(bot.db, TEAM) == []


def test_an_own_metric_gets_a_goal_an_owner_and_shows_in_app_home_and_the_report(bot):
    bot.slack.command("/kpi", ADD)
    bot.slack.command("/kpi", "record newsletter_signups 12")
    bot.slack.command("/kpi", "record newsletter_signups 5")
    _, body, _ = bot.slack.command("/kpi", "goal newsletter_signups 20 owner:<@U0OTHER|ben>")
    assert "newsletter_signups" in ack_text(body) or "Newsletter" in ack_text(body)
    _, body, _ = bot.slack.command("/kpi", "owner newsletter_signups <@U0OTHER|ben>")
    assert "U0OTHER" in ack_text(body)
    home = home_text(trailing_grid(bot.deps, TEAM))
    assert "Newsletter-Anmeldungen (Ziel ≥ 20)" in home and "47 🔴 17" in home
    data = week_digest(bot.deps, TEAM)
    assert data.report.kpis["newsletter_signups"].value == Decimal(17)
    assert data.report.goals["newsletter_signups"].status == "red"
    report = json.dumps(report_message(data), ensure_ascii=False)
    assert "Newsletter-Anmeldungen*: 17" in report


def test_sessions_and_returns_are_recordable_and_feed_the_shop_kpis(bot):
    for text in ("record sessions 1200", "record orders 36", "record retouren 3",
                 "record umsatz 1.800"):
        _, body, _ = bot.slack.command("/kpi", text)
    kpis = week_digest(bot.deps, TEAM).report.kpis
    assert kpis["conversion_rate_pct"].value == Decimal(3)
    assert round(kpis["return_rate_pct"].value, 2) == Decimal("8.33")
    assert kpis["average_order_value"].value == Decimal(50)
    home = home_text(trailing_grid(bot.deps, TEAM))
    assert "Ø Bestellwert" in home and "Konversionsrate" in home and "Retourenquote" in home


def test_average_order_value_is_in_the_digest_scorecard(bot):
    bot.slack.command("/kpi", "record orders 36")
    bot.slack.command("/kpi", "record umsatz 1.800")
    blocks = json.dumps(digest_blocks(week_digest(bot.deps, TEAM)) + report_message(
        week_digest(bot.deps, TEAM))["blocks"], ensure_ascii=False)
    assert blocks.count("Ø Bestellwert") >= 1 and "50,00" in blocks


def test_own_questions_replace_the_defaults_in_the_digest_and_reset_restores_them(bot):
    _, body, _ = bot.slack.command(
        "/kpi", "questions Was hat verkauft? | Was hat gebremst? | Was testen wir?")
    assert "Was hat gebremst?" in ack_text(body)
    text = "\n".join(channel_text(week_digest(bot.deps, TEAM)))
    assert "1️⃣ Was hat verkauft?" in text and "3️⃣ Was testen wir?" in text
    assert "Was hat Wert geschaffen?" not in text
    _, body, _ = bot.slack.command("/kpi", "questions reset")
    assert "Was hat Wert geschaffen?" in ack_text(body)
    text = "\n".join(channel_text(week_digest(bot.deps, TEAM)))
    assert "Was hat Wert geschaffen?" in text and "Was hat verkauft?" not in text
    with bot.db.session() as session:
        assert session.scalars(select(FocusQuestions)).all() == []


def test_not_three_questions_are_refused_with_what_to_do(bot):
    bot.slack.command("/kpi", "questions A? | B? | C?")
    for text in ("questions Nur eine Frage?", "questions A? | B? | C? | D?", "questions A? | | C?"):
        _, body, _ = bot.slack.command("/kpi", text)
        assert "genau drei Fragen" in ack_text(body) and "reset" in ack_text(body)
    with bot.db.session() as session:
        [kept] = session.scalars(select(FocusQuestions)).all()
        assert (kept.first, kept.second, kept.third) == ("A?", "B?", "C?")


def test_questions_in_an_english_workspace_and_for_members(bot):
    bot.slack.command("/kpi", "settings language en")
    _, body, _ = bot.slack.command("/kpi", "questions one | two")
    assert "exactly three questions" in ack_text(body)
    _, body, _ = bot.slack.command("/kpi", "questions A? | B? | C?", user_id="U0OTHER")
    assert "dmin" in ack_text(body)
    _, body, _ = bot.slack.command("/kpi", "questions", user_id="U0OTHER")
    assert "What created value?" in ack_text(body)


def test_sessions_returns_and_an_own_metric_are_ingestible(bot):
    from tests.bot.test_ingest import make_token, post

    token = make_token(bot)
    events = [{"type": "metric", "external_id": "s-1", "occurred_on": "2026-11-20",
               "metric": "sessions", "value": 1200},
              {"type": "metric", "external_id": "r-1", "occurred_on": "2026-11-20",
               "metric": "returns", "value": 3},
              {"type": "metric", "external_id": "n-1", "occurred_on": "2026-11-20",
               "metric": "newsletter_signups", "value": 12}]
    status, answer = post(bot, events, token)
    assert status == 200 and [r["index"] for r in answer["rejected"]] == [2]
    bot.slack.command("/kpi", ADD)
    status, answer = post(bot, events, token)
    assert [a["external_id"] for a in answer["accepted"]] == ["n-1"]
    assert sorted(e.metric for e in live_entries(bot.db, TEAM)) == [
        "newsletter_signups", "returns", "sessions"]


def test_the_answer_form_asks_the_workspaces_own_questions(bot):
    from tests.bot.helpers import button_payload
    from tests.bot.test_slack_surfaces import seed_digest_with_hypothesis

    seed_digest_with_hypothesis(bot)
    bot.slack.command("/kpi", "questions Was hat verkauft? | Was hat gebremst? | Was testen wir?")
    bot.slack.action(button_payload("digest_answer", "2026-W47"))
    [call] = bot.fake.wait_for("views.open")
    labels = [b["label"]["text"] for b in call.args["view"]["blocks"][:3]]
    assert labels == ["1️⃣ Was hat verkauft?", "2️⃣ Was hat gebremst?", "3️⃣ Was testen wir?"]
    assert [b["block_id"] for b in call.args["view"]["blocks"][:3]] == [
        "value", "blocker", "hypothesis"]


def test_thread_replies_are_still_classified_by_the_questions_number(bot):
    from datetime import UTC, datetime

    from storage.models import Digest
    from tests.bot.test_thread_replies import DIGEST_TS, reply, wait_for_notes

    bot.slack.command("/kpi", "questions Was hat verkauft? | Was hat gebremst? | Was testen wir?")
    with bot.db.session() as session:
        session.add(Digest(workspace_id=TEAM, week="2026-W47", status="posted",
                           claimed_at=datetime(2026, 11, 23, 8, tzinfo=UTC), channel="C0KPI",
                           ts=DIGEST_TS))
    bot.slack.event(reply("2) Lieferant zu spät"))
    [note] = wait_for_notes(bot, 1)
    assert (note.note_kind, note.description) == ("blocker", "Lieferant zu spät")


def test_the_record_form_offers_the_own_metrics_by_their_label(bot):
    bot.slack.command("/kpi", ADD)
    bot.slack.command("/kpi", "record")
    [call] = bot.fake.wait_for("views.open")
    [select] = [b for b in call.args["view"]["blocks"] if b["block_id"] == "metric"]
    options = {o["value"]: o["text"]["text"] for o in select["element"]["options"]}
    assert options["newsletter_signups"] == "Newsletter-Anmeldungen"
    assert {"sessions", "returns"} <= set(options)
