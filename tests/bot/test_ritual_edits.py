"""Signed requests, German and English: Edit with its audit trail, the next digest's change
line, dated goals in /kpi report t13w, drafted focus questions, the digest's App Home link."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from storage.models import Digest
from tests.bot.helpers import (
    ack_json,
    ack_text,
    assert_valid_blocks,
    button_payload,
    live_entries,
    view_submission_payload,
)

TEXTS = {
    "de": {"changed": "✏️ Geändert", "refused": "kann ihn bearbeiten",
           "line": "KW 46 nach dem Digest geändert: Umsatz 4.179\u00a0€ → 4.379\u00a0€",
           "audit": "Wert 4179 → 4379",
           "question": "2️⃣ Fehlerquote 2 Wochen rot – was ist die Ursache, wer kümmert sich? "
                       "(<@U0BEN>)", "generic": "Was blockiert?"},
    "en": {"changed": "✏️ Changed", "refused": "can edit it",
           "line": "W46 changed after its digest: revenue €4,179 → €4,379",
           "audit": "value 4179 → 4379",
           "question": "2️⃣ Error rate red for 2 weeks – what is the cause, who takes care of "
                       "it? (<@U0BEN>)", "generic": "What is blocking us?"},
}


def wait_until(check, timeout: float = 5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not check():
        time.sleep(0.02)
    return check()


def speak(bot, lang: str) -> None:
    bot.slack.command("/kpi", f"settings language {lang}")


def button_value(body: str, action_id: str) -> str:
    for block in ack_json(body)["blocks"]:
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return element["value"]
    raise AssertionError(f"no {action_id} button")


def open_edit(bot, entry_id: str, user: str, calls: int = 1) -> dict:
    bot.slack.action(button_payload("entry_edit", entry_id, user_id=user,
                                    response_url=bot.fake.response_url("edit")))
    return bot.fake.wait_for("views.open", count=calls)[-1].args["view"]


def submit(bot, view: dict, value: str, user: str, calls: int = 1) -> dict:
    values = {"metric": {"type": "static_select", "selected_option": {"value": "revenue"}},
              "value": {"type": "plain_text_input", "value": value},
              "dimension": {"type": "plain_text_input", "value": None},
              "date": {"type": "datepicker", "selected_date": "2026-11-12"}}
    bot.slack.view_submission(view_submission_payload(view["callback_id"], values,
                                                      view["private_metadata"], user_id=user))
    return bot.fake.wait_for("chat.postEphemeral", count=calls)[-1].args


def record_revenue(bot) -> str:
    _, body, _ = bot.slack.command("/kpi", "record revenue 4179 date:2026-11-12", user_id="U0OTHER")
    return button_value(body, "entry_edit")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_author_edits_from_the_confirmation_and_the_trail_shows(bot, lang):
    speak(bot, lang)
    entry_id = record_revenue(bot)
    view = open_edit(bot, entry_id, "U0OTHER")
    assert view["callback_id"] == "entry_edit_modal" and bot.fake.violations == []
    value = next(b for b in view["blocks"] if b["block_id"] == "value")
    assert value["element"]["initial_value"] == "4179"
    answer = submit(bot, view, "4379", "U0OTHER")
    assert TEXTS[lang]["changed"] in answer["text"]
    assert [e.quantity for e in live_entries(bot.db)] == [Decimal("4379")]
    _, body, _ = bot.slack.command("/kpi", "list")
    assert TEXTS[lang]["audit"] in ack_text(body) and "<@U0OTHER>" in ack_text(body)
    assert_valid_blocks(ack_json(body)["blocks"])
    bot.slack.command("/kpi", "export", response_url=bot.fake.response_url("export"))
    [upload] = wait_until(lambda: bot.fake.uploaded_files)
    assert "U0OTHER quantity 4179 → 4379".encode() in upload["content"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_others_are_refused_and_an_admin_may_edit(bot, lang):
    speak(bot, lang)
    entry_id = record_revenue(bot)
    bot.slack.action(button_payload("entry_edit", entry_id, user_id="U0STRANGER",
                                    response_url=bot.fake.response_url("refused")))
    [refusal] = bot.fake.wait_for_response()
    assert TEXTS[lang]["refused"] in refusal["text"] and refusal["response_type"] == "ephemeral"
    assert bot.fake.calls_to("views.open") == []
    view = open_edit(bot, entry_id, "U0OWNER")  # an admin
    forged = submit(bot, view, "1", "U0STRANGER")  # a forged submission by someone else
    assert TEXTS[lang]["refused"] in forged["text"]
    assert [e.quantity for e in live_entries(bot.db)] == [Decimal("4179")]
    submit(bot, view, "4379", "U0OWNER", calls=2)
    [entry] = live_entries(bot.db)
    assert (entry.quantity, entry.entered_by) == (Decimal("4379"), "U0OTHER")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_next_digest_says_which_week_changed_after_its_digest(bot, lang):
    speak(bot, lang)
    entry_id = record_revenue(bot)
    with bot.db.session() as session:
        at = datetime(2026, 11, 16, 8, tzinfo=UTC)
        session.add(Digest(workspace_id="T0ACCEPT", week="2026-W46", status="posted",
                           claimed_at=at, posted_at=at, channel="C0KPI", ts="1700000000.000001"))
    submit(bot, open_edit(bot, entry_id, "U0OTHER"), "4379", "U0OTHER")
    bot.slack.command("/kpi", "digest", response_url=bot.fake.response_url("digest"))
    [preview] = bot.fake.wait_for_response()
    assert TEXTS[lang]["line"] in json.dumps(preview, ensure_ascii=False)
    assert_valid_blocks(preview["blocks"])


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_new_goal_does_not_repaint_history_in_the_t13w_report(bot, lang):
    speak(bot, lang)
    for day in ("2026-11-11", "2026-11-18"):
        bot.slack.command("/kpi", f"record revenue 3000 date:{day}")
    bot.clock.current = datetime(2026, 11, 10, 9, tzinfo=UTC)
    bot.slack.command("/kpi", "goal revenue 2800")
    bot.clock.current = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)
    bot.slack.command("/kpi", "goal revenue 4000")
    bot.slack.command("/kpi", "report t13w", response_url=bot.fake.response_url("t13w"))
    [report] = bot.fake.wait_for_response()
    assert_valid_blocks(report["blocks"])
    text = json.dumps(report, ensure_ascii=False)
    assert "46 🟢 " in text and "47 🔴 " in text and "45 ▫️" in text


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_kpi_red_two_weeks_becomes_a_drafted_question_with_its_owner(bot, lang):
    speak(bot, lang)
    for day in ("2026-11-10", "2026-11-17"):
        bot.slack.command("/kpi", f"record orders 100 date:{day}", user_id="U0BEN")
        bot.slack.command("/kpi", f"record errors 9 date:{day} cause:rework", user_id="U0BEN")
    bot.slack.command("/kpi", "goal error_rate_per_100 3")
    bot.slack.command("/kpi", "digest", response_url=bot.fake.response_url("digest"))
    [preview] = bot.fake.wait_for_response()
    text = json.dumps(preview, ensure_ascii=False)
    assert TEXTS[lang]["question"] in text and TEXTS[lang]["generic"] not in text


def test_a_posted_digest_links_to_app_home(bot):
    bot.slack.command("/kpi", "settings channel <#C0KPI|kpi>")
    bot.slack.command("/kpi", "digest post", response_url=bot.fake.response_url("post"))
    [post] = bot.fake.wait_for("chat.postMessage")
    assert "https://slack.com/app_redirect?app=A0NORTH&team=T0ACCEPT" in json.dumps(post.args)
