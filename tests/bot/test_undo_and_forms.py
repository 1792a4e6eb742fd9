"""Undo and Delete buttons, /kpi undo and list, and the modal forms."""

from __future__ import annotations

import json
from decimal import Decimal

from tests.bot.helpers import (
    ack_json,
    ack_text,
    button_payload,
    live_entries,
    view_submission_payload,
)


def undo_value(body: str) -> str:
    for block in ack_json(body)["blocks"]:
        for element in block.get("elements", []):
            if element.get("action_id") == "entry_undo":
                return element["value"]
    raise AssertionError("no Undo button")


def test_undo_button_removes_the_entry(bot):
    _, body, _ = bot.slack.command("/cost", "49,90 tools Zapier")
    url = bot.fake.response_url("undo")
    status, _, _ = bot.slack.action(button_payload("entry_undo", undo_value(body), response_url=url))
    assert status == 200
    bot.fake.wait_for_response()
    assert live_entries(bot.db) == []
    assert "Entfernt" in json.dumps(bot.fake.responses[-1], ensure_ascii=False)


def test_only_the_author_or_an_admin_may_delete(bot):
    _, body, _ = bot.slack.command("/cost", "49,90 tools Zapier", user_id="U0OTHER")
    entry_id = undo_value(body)
    bot.slack.command("/cost", "12 tools", user_id="U0OTHER")
    url = bot.fake.response_url("delete")
    bot.slack.action(button_payload("entry_delete", entry_id, user_id="U0STRANGER",
                                    response_url=url))
    bot.fake.wait_for_response()
    assert len(live_entries(bot.db)) == 2
    assert "Workspace-Admin" in json.dumps(bot.fake.responses[-1], ensure_ascii=False)
    bot.slack.action(button_payload("entry_delete", entry_id, user_id="U0OWNER",
                                    response_url=url))
    bot.fake.wait_for_response(count=2)
    assert [e.quantity for e in live_entries(bot.db)] == [Decimal("12")]


def test_kpi_undo_takes_back_my_last_entry_only(bot):
    bot.slack.command("/cost", "10 tools")
    bot.slack.command("/cost", "20 tools", user_id="U0OTHER")
    _, body, _ = bot.slack.command("/kpi", "undo")
    assert "Entfernt" in ack_text(body)
    assert [e.quantity for e in live_entries(bot.db)] == [Decimal("20")]
    _, body, _ = bot.slack.command("/kpi", "undo")
    assert "keinen Eintrag" in ack_text(body)


def test_kpi_list_shows_last_ten_with_delete_buttons(bot):
    for amount in range(1, 13):
        bot.slack.command("/cost", f"{amount} tools")
    _, body, _ = bot.slack.command("/kpi", "list")
    text = ack_text(body)
    assert text.count("entry_delete") == 10
    assert "12,00" in text and "2,00 €" not in text


def test_command_without_arguments_opens_a_valid_modal(bot):
    status, body, _ = bot.slack.command("/cost", "")
    assert status == 200
    [call] = bot.fake.wait_for("views.open")
    assert call.args["view"]["callback_id"] == "entry_modal:cost"
    assert bot.fake.violations == []


def test_modal_submission_stores_the_entry(bot):
    payload = view_submission_payload("entry_modal:hours", {
        "duration": {"type": "plain_text_input", "value": "1h30"},
        "activity": {"type": "static_select", "selected_option": {"value": "support"}},
        "description": {"type": "plain_text_input", "value": "Tickets"},
        "date": {"type": "datepicker", "selected_date": "2026-11-19"},
        "channel": {"type": "plain_text_input", "value": None},
    }, private_metadata=json.dumps({"channel": "C0KPI"}))
    status, body, _ = bot.slack.view_submission(payload)
    assert status == 200
    bot.fake.wait_for("chat.postEphemeral")
    [entry] = live_entries(bot.db)
    assert (entry.quantity, entry.activity, entry.source) == (Decimal("1.5"), "support", "modal")


def test_modal_with_bad_amount_keeps_the_form_open_with_the_error(bot):
    payload = view_submission_payload("entry_modal:cost", {
        "amount": {"type": "plain_text_input", "value": "abc"},
        "category": {"type": "static_select", "selected_option": {"value": "tools"}},
        "date": {"type": "datepicker", "selected_date": "2026-11-19"},
        "every": {"type": "static_select", "selected_option": {"value": "once"}},
    })
    status, body, _ = bot.slack.view_submission(payload)
    answer = ack_json(body)
    assert answer["response_action"] == "errors" and "amount" in answer["errors"]
    assert live_entries(bot.db) == []
