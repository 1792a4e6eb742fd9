"""An export shared in the KPI channel gets its preview in the file's thread; `/kpi import` says
how to bring one; [Zuordnung ändern] opens a form for the columns, whose preview imports by that
mapping and saves it, so that the next file with the same header is recognised by it."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

from slack_sdk.models.views import View
from sqlalchemy import func, select

from ritual.file_import import ImportRequest, import_file
from storage.import_tables import ImportedRow, ImportMapping
from storage.models import Workspace
from tests.bot.helpers import ack_json, ack_text, assert_valid_blocks, button_payload, view_submission_payload
from tests.bot.test_export_uploads import FIXTURES, button, imported_rows
from tests.slack_requests import load_payload

UNKNOWN = ("Kontoauszug Musterbank\n"
           "Datum;Empfänger;Text;Betrag\n"
           "02.03.2026;Hoster GmbH;Hosting März;-29,90\n"
           "03.03.2026;Druckerei Beispiel;Flyer;-238,00\n").encode()


def share(bot, name: str, content: bytes, filetype: str = "csv") -> dict:
    """A file shared in the DM, under its own file id and event id."""
    payload = copy.deepcopy(load_payload("event_file_share_dm"))
    file_id = f"F{abs(hash((name, content))) % 10**8}"
    url = bot.fake.host_file(file_id, content)
    payload["event"]["files"][0].update(id=file_id, name=name, filetype=filetype,
                                        url_private=url, url_private_download=url)
    payload["event_id"] = f"Ev{file_id}"
    return payload


def kpi_channel(bot, channel: str = "C0KPI") -> None:
    with bot.db.session() as session:
        session.add(Workspace(id="T0ACCEPT", created_at=datetime(2026, 1, 1, tzinfo=UTC),
                              kpi_channel=channel))


def in_channel(payload: dict, channel: str) -> dict:
    payload = copy.deepcopy(payload)
    payload["event"].update(channel=channel, channel_type="channel", ts="1763630300.000100")
    payload["event_id"] += channel
    return payload


def selected(value: str) -> dict:
    return {"type": "static_select", "selected_option": {"value": value}}


def form(**columns: str) -> dict:
    values = {"name": {"type": "plain_text_input", "value": "musterbank"},
              "date_format": selected("%d.%m.%Y"), "decimal": selected(",")}
    return values | {field: selected(column) for field, column in columns.items()}


def test_an_export_in_the_kpi_channel_is_previewed_in_its_thread(bot):
    kpi_channel(bot)
    bot.slack.event(in_channel(share(bot, "balance.csv", (FIXTURES / "stripe_balance.csv").read_bytes()),
                               "C0KPI"))

    [preview] = bot.fake.wait_for("chat.postMessage")
    assert preview.args["channel"] == "C0KPI" and preview.args["thread_ts"] == "1763630300.000100"
    assert "5 neu" in preview.args["text"] and imported_rows(bot) == 0
    assert [button(preview.args, a) is not None for a in
            ("export_import_confirm", "export_import_map", "export_import_cancel")] == [True] * 3
    assert_valid_blocks(preview.args["blocks"])


def test_files_in_other_channels_and_non_exports_in_the_channel_are_left_alone(bot):
    kpi_channel(bot)
    bot.slack.event(in_channel(share(bot, "balance.csv", (FIXTURES / "stripe_balance.csv").read_bytes()),
                               "C0RANDOM"))
    bot.slack.event(in_channel(share(bot, "notes.txt", b"just some notes\nnothing to import\n",
                                     "text"), "C0KPI"))
    bot.slack.event(share(bot, "balance.csv", (FIXTURES / "stripe_balance.csv").read_bytes()))

    [only] = bot.fake.wait_for("chat.postMessage")  # the DM's, after the two ignored ones
    assert only.args["channel"] == "D0OWNER"
    assert len(bot.fake.calls_to("chat.postMessage")) == 1


def test_kpi_import_says_how_to_share_an_export(bot):
    _, body, _ = bot.slack.command("/kpi", "import")

    text = ack_text(body)
    assert "KPI-Kanal" in text and "stripe" in text and "/ingest/v1/files" in text


def test_an_unknown_layout_is_mapped_in_a_form_imported_and_recognised_next_time(bot):
    bot.slack.event(share(bot, "musterbank.csv", UNKNOWN))
    [answer] = bot.fake.wait_for("chat.postMessage")
    assert "Zuordnung ändern" in json.dumps(answer.args, ensure_ascii=False)
    map_button = button(answer.args, "export_import_map")

    bot.slack.action(button_payload("export_import_map", map_button["value"],
                                    response_url=bot.fake.response_url("map")))
    [opened] = bot.fake.wait_for("views.open")
    view = opened.args["view"]
    View(**view).validate_json()
    assert_valid_blocks(view["blocks"])
    date_block = next(b for b in view["blocks"] if b.get("block_id") == "date")
    assert [o["value"] for o in date_block["element"]["options"]] == \
        ["Datum", "Empfänger", "Text", "Betrag"]  # the header past the preamble line
    initial = {b["block_id"]: (b["element"].get("initial_option") or {}).get("value")
               for b in view["blocks"] if b.get("element", {}).get("type") == "static_select"}
    assert (initial["date"], initial["amount"], initial["description"], initial["counterparty"],
            initial["debit"]) == ("Datum", "Betrag", "Text", "Empfänger", None)  # guessed
    name_block = next(b for b in view["blocks"] if b.get("block_id") == "name")
    # named after the file (the fake Slack's files.info calls file F1 "F1.csv")
    assert name_block["element"]["initial_value"] == map_button["value"].lower()

    status, body, _ = bot.slack.view_submission(view_submission_payload(
        view["callback_id"], form(date="Datum", amount="Betrag", description="Text",
                                  counterparty="Empfänger"), view["private_metadata"]))
    assert status == 200 and ack_json(body) == {}
    [_, preview] = bot.fake.wait_for("chat.postMessage", count=2)
    assert "musterbank" in preview.args["text"] and "2 neu" in preview.args["text"]
    assert_valid_blocks(preview.args["blocks"])
    assert imported_rows(bot) == 0

    confirm = button(preview.args, "export_import_confirm")
    bot.slack.action(button_payload("export_import_confirm", confirm["value"],
                                    response_url=bot.fake.response_url("import")))
    [done] = bot.fake.wait_for_response()
    assert "2 neu" in done["text"] and imported_rows(bot) == 2
    with bot.db.reader() as session:
        assert session.scalar(select(ImportMapping.name)) == "musterbank"

    later = UNKNOWN.replace(b"-238,00", b"-240,00").replace(b"03.03.2026", b"09.03.2026")
    bot.slack.event(share(bot, "musterbank-april.csv", later))
    [*_, again] = bot.fake.wait_for("chat.postMessage", count=3)
    assert "(musterbank)" in again.args["text"] and "1 neu" in again.args["text"]


def test_a_form_without_an_amount_is_answered_at_its_field(bot):
    status, body, _ = bot.slack.view_submission(view_submission_payload(
        "export_import_mapping", form(date="Datum", description="Text"),
        json.dumps({"file": "F222", "channel": "D0OWNER", "thread": None})))

    assert status == 200 and "amount" in ack_json(body)["errors"]
    with bot.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(ImportedRow)) == 0


def test_a_reserved_mapping_name_is_answered_at_its_field(bot):
    values = form(date="Datum", amount="Betrag") | {
        "name": {"type": "plain_text_input", "value": "stripe"}}
    status, body, _ = bot.slack.view_submission(view_submission_payload(
        "export_import_mapping", values, json.dumps({"file": "F222", "channel": "D0OWNER"})))

    assert status == 200 and "stripe" in ack_json(body)["errors"]["name"]


def test_a_header_changed_since_its_mapping_was_saved_offers_the_form_again(bot):
    import_file(bot.deps, ImportRequest(team_id="T0ACCEPT", data=UNKNOWN, save_as="musterbank",
                                        mapping="date=Datum,amount=Betrag,description=Text"))
    changed = UNKNOWN.replace(b"Text;Betrag", b"Text;Betrag;Saldo").replace(b"-29,90", b"-29,90;0")

    bot.slack.event(share(bot, "musterbank-mai.csv", changed))

    [answer] = bot.fake.wait_for("chat.postMessage")
    assert "musterbank" in answer.args["text"] and button(answer.args, "export_import_map")
    assert button(answer.args, "export_import_confirm") is None


def test_a_csv_with_a_nul_byte_is_answered_by_line_and_a_binary_file_in_one_line(bot):
    bot.slack.event(share(bot, "kosten.csv", b"date;kind;name;amount\n20.11.2026;cost;tools;4\x009\n"))
    bot.slack.event(share(bot, "bild.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01"))

    answers = {call.args["text"][:40]: call.args["text"]
               for call in bot.fake.wait_for("chat.postMessage", count=2)}
    texts = " | ".join(answers.values())
    assert "Zeile 2" in texts and "keine Textdatei" in texts
