"""Imported bank lines no rule categorised are listed in the digest's thread (most recent first,
the largest first within a day, at most ten) with a select of categories; choosing one adds a
rule for the line's counterparty, which categorises its other open lines too."""

from __future__ import annotations

import copy

from sqlalchemy import select

from bot.digest.thread import thread_blocks
from ritual.digest_data import week_digest
from ritual.file_import import ImportRequest, import_file
from storage.import_tables import ImportedRow, ImportRule
from tests.bot.helpers import assert_valid_blocks, button_payload
from tests.bot.test_export_uploads import FIXTURES

TEAM = "T0ACCEPT"


def import_sparkasse(bot) -> None:
    data = (FIXTURES / "sparkasse_camt.csv").read_bytes()
    import_file(bot.deps, ImportRequest(team_id=TEAM, data=data, file_name="umsatz.csv"))


def open_line_blocks(bot) -> list[dict]:
    blocks = thread_blocks(week_digest(bot.deps, TEAM))
    assert_valid_blocks(blocks)
    return [b for b in blocks if b.get("accessory", {}).get("action_id", "").startswith(
        "open_line_category:")]


def choose(bot, block: dict, category: str, user: str = "U0OWNER") -> dict:
    payload = copy.deepcopy(button_payload("x", "x", user_id=user,
                                           response_url=bot.fake.response_url("choose")))
    payload["actions"] = [{"type": "static_select", "action_id": block["accessory"]["action_id"],
                           "block_id": "b", "selected_option": {
                               "value": category, "text": {"type": "plain_text", "text": category}},
                           "action_ts": "1700000000.2"}]
    before = len(bot.fake.responses)
    bot.slack.action(payload)
    return bot.fake.wait_for_response(count=before + 1)[-1]


def test_open_lines_are_listed_recent_and_large_first_with_a_category_select(bot):
    import_sparkasse(bot)

    lines = open_line_blocks(bot)

    texts = [b["text"]["text"] for b in lines]
    assert [text.split(" · ")[0] for text in texts] == ["09.03.", "06.03.", "06.03.", "05.03."]
    assert "Kunde GmbH" in texts[0] and "Hoster GmbH – Hosting März" in texts[3]
    options = [o["value"] for o in lines[0]["accessory"]["options"]]
    assert {"software", "revenue", "transfer"} <= set(options) and "uncategorized" not in options


def test_choosing_a_category_adds_a_rule_for_the_counterparty(bot):
    import_sparkasse(bot)
    cafe = next(b for b in open_line_blocks(bot) if "Café Ecke" in b["text"]["text"])

    answer = choose(bot, cafe, "sonstiges")

    assert "2 offene Zeile(n)" in answer["text"] and answer["response_type"] == "ephemeral"
    with bot.db.reader() as session:
        assert session.scalar(select(ImportRule.pattern)) == "Café Ecke"
        assert set(session.scalars(select(ImportedRow.category).where(
            ImportedRow.counterparty == "Café Ecke"))) == {"other"}  # German words stored as keys
    assert [b["text"]["text"].split(" · ")[0] for b in open_line_blocks(bot)] == ["09.03.", "05.03."]


def test_a_line_categorised_meanwhile_is_answered_and_nothing_changes(bot):
    import_sparkasse(bot)
    hoster = open_line_blocks(bot)[-1]
    choose(bot, hoster, "software")

    answer = choose(bot, hoster, "miete")

    assert "schon eine Kategorie" in answer["text"]
    with bot.db.reader() as session:
        assert session.scalar(select(ImportedRow.category).where(
            ImportedRow.counterparty == "Hoster GmbH")) == "software"


def test_only_admins_choose(bot):
    import_sparkasse(bot)
    line = open_line_blocks(bot)[0]

    answer = choose(bot, line, "software", user="U0MEMBER")

    assert "Admin" in answer["text"]
    with bot.db.reader() as session:
        assert session.scalar(select(ImportRule.pattern)) is None
