"""An export shared with the bot in a DM: a dry run with Import and Cancel, then Undo."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from sqlalchemy import func, select

from storage.import_tables import ImportedRow
from tests.bot.helpers import ack_text, button_payload
from tests.slack_requests import load_payload

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"


def share(bot, name: str, content: bytes, filetype: str = "csv") -> dict:
    payload = copy.deepcopy(load_payload("event_file_share_dm"))
    url = bot.fake.host_file("F222", content)
    payload["event"]["files"][0].update(id="F222", name=name, filetype=filetype, url_private=url,
                                        url_private_download=url)
    return payload


def imported_rows(bot) -> int:
    with bot.db.reader() as session:
        return session.scalar(select(func.count()).select_from(ImportedRow))


def button(message: dict, action_id: str) -> dict | None:
    return next((element for block in message.get("blocks", [])
                 for element in block.get("elements", []) if element.get("action_id") == action_id),
                None)


def test_a_stripe_export_is_previewed_imported_and_undone(bot):
    bot.slack.event(share(bot, "balance.csv", (FIXTURES / "stripe_balance.csv").read_bytes()))
    [preview] = bot.fake.wait_for("chat.postMessage")
    assert "stripe" in preview.args["text"] and "5 neu" in preview.args["text"]
    assert "2026-W10" in preview.args["text"] and imported_rows(bot) == 0
    assert button(preview.args, "export_import_cancel") is not None

    confirm = button(preview.args, "export_import_confirm")
    url = bot.fake.response_url("import")
    bot.slack.action(button_payload("export_import_confirm", confirm["value"], response_url=url))
    [done] = bot.fake.wait_for_response()
    assert imported_rows(bot) == 5 and "5 neu" in done["text"]

    undo = button(done, "export_import_undo")
    bot.slack.action(button_payload("export_import_undo", undo["value"],
                                    response_url=bot.fake.response_url("undo")))
    bot.fake.wait_for_response(count=2)
    assert imported_rows(bot) == 0
    assert bot.fake.violations == []


def test_an_mt940_file_is_recognised_by_its_content_not_its_name(bot):
    bot.slack.event(share(bot, "umsaetze.sta", (FIXTURES / "mt940.sta").read_bytes(), "text"))
    [preview] = bot.fake.wait_for("chat.postMessage")
    assert "mt940" in preview.args["text"] and button(preview.args, "export_import_confirm")


def test_an_unsafe_xml_is_refused_in_one_line_without_buttons(bot):
    bot.slack.event(share(bot, "c53.xml", (FIXTURES / "camt053_entities.xml").read_bytes(), "xml"))
    [answer] = bot.fake.wait_for("chat.postMessage")
    assert "Entity" in answer.args["text"] and "export_import" not in json.dumps(answer.args)


def test_cancel_stores_nothing(bot):
    bot.slack.event(share(bot, "paypal.csv", (FIXTURES / "paypal_de.csv").read_bytes()))
    [preview] = bot.fake.wait_for("chat.postMessage")
    cancel = button(preview.args, "export_import_cancel")
    bot.slack.action(button_payload("export_import_cancel", cancel["value"],
                                    response_url=bot.fake.response_url("cancel")))
    [answer] = bot.fake.wait_for_response()
    assert "abgebrochen" in answer["text"] and imported_rows(bot) == 0


def test_kpi_rule_categorises_imported_bank_lines(bot):
    bot.slack.event(share(bot, "umsatz.csv", (FIXTURES / "sparkasse_camt.csv").read_bytes()))
    [preview] = bot.fake.wait_for("chat.postMessage")
    confirm = button(preview.args, "export_import_confirm")
    bot.slack.action(button_payload("export_import_confirm", confirm["value"],
                                    response_url=bot.fake.response_url("import")))
    bot.fake.wait_for_response()

    _, saved, _ = bot.slack.command("/kpi", "rule Hoster GmbH software")
    _, listed, _ = bot.slack.command("/kpi", "rule")
    _, refused, _ = bot.slack.command("/kpi", "rule ab")

    assert "1 offene Zeile(n)" in ack_text(saved) and "software" in ack_text(saved)
    assert "Hoster GmbH" in ack_text(listed)
    assert "Muster" in ack_text(refused)
    with bot.db.reader() as session:
        assert session.scalar(select(ImportedRow.category).where(
            ImportedRow.counterparty == "Hoster GmbH")) == "software"
