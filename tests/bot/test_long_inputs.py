"""Long input gets a clear answer, never a crash: every text cut to Slack's limits where it is
rendered (section text 3,000, button text 75, message text 40,000, option text 75)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

from capture.inputs import CostInput
from storage.entries import Provenance, add_entry
from storage.workspaces import ensure_workspace, set_category_class
from tests.bot.helpers import ack_json, assert_valid_blocks, button_payload, live_entries
from tests.bot.test_slack_surfaces import csv_event

SECTION, BUTTON, MESSAGE, OPTION = 3000, 75, 40000, 75


def _texts(node, key: str) -> list[str]:
    """Every `text` string inside the blocks of a given type (section, button, option)."""
    found = []
    if isinstance(node, dict):
        if node.get("type") == key or (key == "option" and "value" in node and "text" in node):
            text = node.get("text")
            found.append(text["text"] if isinstance(text, dict) else text)
            for field in node.get("fields") or []:
                found.append(field["text"])
        for value in node.values():
            found += _texts(value, key)
    elif isinstance(node, list):
        for value in node:
            found += _texts(value, key)
    return [text for text in found if isinstance(text, str)]


def assert_fits_slack(message: dict) -> None:
    """The message parses as Block Kit and every text is within Slack's limits."""
    assert message.get("text"), message
    assert len(message["text"]) <= MESSAGE
    assert_valid_blocks(message["blocks"])
    sections = _texts(message["blocks"], "section")
    assert sections and all(len(text) <= SECTION for text in sections), [len(t) for t in sections]
    assert all(len(text) <= BUTTON for text in _texts(message["blocks"], "button"))


def answered(status: int, body: str) -> dict:
    assert status == 200, body
    message = ack_json(body)
    assert_fits_slack(message)
    return message


def test_cost_with_a_description_of_2990_characters_is_saved_and_confirmed(bot):
    message = answered(*bot.slack.command("/cost", "5 tools " + "x" * 2990)[:2])
    assert "entry_undo" in json.dumps(message)
    assert "x…" in message["text"] and message["text"].endswith("20.11.")  # the date stays visible
    [entry] = live_entries(bot.db)
    assert entry.quantity == Decimal(5) and entry.description == "x" * 2990


def test_hours_with_a_long_description_is_confirmed(bot):
    answered(*bot.slack.command("/hours", "1h30 support " + "y" * 2995)[:2])
    assert len(live_entries(bot.db)) == 1


def test_a_3500_character_bad_amount_is_refused_with_an_answer(bot):
    for amount in ("1x" * 1750, "9" * 3500, "€" * 3500):
        message = answered(*bot.slack.command("/cost", amount + " tools")[:2])
        assert "/cost 49,90" in message["text"]  # the correct example stays visible
    assert live_entries(bot.db) == []


def test_a_long_kpi_subcommand_or_argument_is_answered(bot):
    for text in ("z" * 3500, "record " + "q" * 3500 + " 3", "record errors 3 cause:" + "c" * 3500,
                 "goal " + "g" * 3500 + " 5", "settings " + "k" * 3500 + " v",
                 "settings timezone " + "Europe/" * 500):
        answered(*bot.slack.command("/kpi", text)[:2])
    assert live_entries(bot.db) == []


def _long_imported_entry(bot) -> int:
    now = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    with bot.db.session() as session:
        ensure_workspace(session, "T0ACCEPT", now)
        cost = CostInput(Decimal("12.5"), "tools", "fixed", "w" * 3000, now.date(), "c" * 64, "month")
        row = add_entry(session, "T0ACCEPT", cost, Provenance("U0OWNER", now, "csv", external_id="e1"))
        return row.id


def test_deleting_a_long_imported_entry_is_answered(bot):
    entry_id = _long_imported_entry(bot)
    url = bot.fake.response_url("delete")
    status, _, _ = bot.slack.action(button_payload("entry_delete", str(entry_id), response_url=url))
    assert status == 200
    [response] = bot.fake.wait_for_response()
    assert_fits_slack(response)
    assert live_entries(bot.db) == []


def test_listing_and_undoing_a_long_imported_entry_is_answered(bot):
    _long_imported_entry(bot)
    answered(*bot.slack.command("/kpi", "list")[:2])
    answered(*bot.slack.command("/kpi", "undo")[:2])
    assert live_entries(bot.db) == []


def test_csv_import_errors_fit_even_when_every_line_is_long(bot):
    rows = "".join(f"2026-11-20,cost,tools,{'9' * 2000}x,{'d' * 2900}\n" for _ in range(40))
    bot.slack.event(csv_event(bot, ("date,kind,name,amount,description\n" + rows).encode()))
    [answer] = bot.fake.wait_for("chat.postMessage")
    assert_fits_slack(answer.args)
    assert "csv_import_confirm" not in json.dumps(answer.args)


def test_csv_errors_found_on_confirm_fit(bot):
    bot.slack.event(csv_event(bot, b"date,kind,name,amount\n2026-11-20,cost,tools,4\n"))
    [preview] = bot.fake.wait_for("chat.postMessage")
    button = next(e for b in preview.args["blocks"] for e in b.get("elements", [])
                  if e.get("action_id") == "csv_import_confirm")
    rows = "".join(f"2026-11-20,cost,tools,{'7' * 2500}y\n" for _ in range(30))
    bot.fake.host_file("F111", ("date,kind,name,amount\n" + rows).encode())
    url = bot.fake.response_url("import")
    bot.slack.action(button_payload("csv_import_confirm", button["value"], response_url=url))
    [response] = bot.fake.wait_for_response()
    assert_fits_slack(response)
    assert live_entries(bot.db) == []


def test_the_cost_form_fits_with_long_and_many_categories(bot):
    now = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    with bot.db.session() as session:
        ensure_workspace(session, "T0ACCEPT", now)
        set_category_class(session, "T0ACCEPT", "k" * 64, "fixed")
        for n in range(120):
            set_category_class(session, "T0ACCEPT", f"cat{n:03d}", "variable")
    bot.slack.command("/cost", "")
    [call] = bot.fake.wait_for("views.open")
    view = call.args["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert_valid_blocks(view["blocks"])
    options = [o for block in view["blocks"] for o in block["element"].get("options", [])]
    assert options and all(len(o["text"]["text"]) <= OPTION and len(o["value"]) <= 150
                           for o in options)
    assert all(len(block["element"].get("options", [])) <= 100 for block in view["blocks"])
