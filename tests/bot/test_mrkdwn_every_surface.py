"""Every value a person typed or an automation sent is shown as typed on every Slack surface:
no `<!channel>` ping, no disguised link, `&` stays `&`, user mentions stay mentions."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from bot.digest.blocks import digest_blocks
from bot.digest.report import report_message
from bot.digest.text import digest_text
from bot.digest.thread import thread_blocks
from bot.surfaces.edits import audit_lines
from capture.inputs import MetricInput
from metrics.weeks import IsoWeek
from ritual.digest_data import gather
from storage.db import Database
from storage.edits import FieldChange
from storage.entries import Provenance, add_entry
from storage.models import Workspace
from storage.sample_business import DEMO_TEAM, seed_sample_business
from tests.bot.helpers import ack_json

HOSTILE_WORDS = ("<!channel>", "<http://x|y>", "a&b", "*bold*")
NOW = datetime(2026, 11, 23, 8, tzinfo=UTC)
WEEK = IsoWeek.parse("2026-W47")


def assert_inert(rendered: str, word: str) -> None:
    """The word shows as typed: escaped for mrkdwn, never as a ping or a link."""
    assert "<!channel>" not in rendered and "<http://x" not in rendered
    escaped = word.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in rendered


@pytest.fixture(scope="module")
def hostile_digest(tmp_path_factory):
    """The demo's week 47 with a burst of errors whose causes are hostile words (`<!channel>` on top)."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    with db.session() as session:
        seed_sample_business(session, date(2026, 11, 23), NOW)
        for number, word in enumerate(HOSTILE_WORDS):
            add_entry(session, DEMO_TEAM,
                      MetricInput("errors", Decimal(26 - 6 * number), WEEK.end, cause=word),
                      Provenance("ingest", NOW, "ingest"))
    with db.reader() as session:
        data = gather(session, session.get(Workspace, DEMO_TEAM), WEEK, NOW)
    db.dispose()
    return data


def test_a_hostile_top_cause_is_inert_in_the_channel_message_and_the_thread(hostile_digest):
    rendered = json.dumps(digest_blocks(hostile_digest) + thread_blocks(hostile_digest),
                          ensure_ascii=False)
    assert_inert(rendered, "<!channel>")
    assert "<!channel>" in digest_text(hostile_digest)  # the readable text shows what was typed


def test_a_hostile_top_cause_is_inert_in_the_report(hostile_digest):
    assert_inert(json.dumps(report_message(hostile_digest), ensure_ascii=False), "<!channel>")


@pytest.mark.parametrize("word", HOSTILE_WORDS)
def test_the_edit_audit_shows_old_and_new_values_as_typed(word):
    change = FieldChange(1, "U0OWNER", NOW, "cause", "rework", word)
    assert_inert("\n".join(audit_lines([change], "en", "Europe/Berlin")), word)


@pytest.mark.parametrize("word", HOSTILE_WORDS)
def test_a_recorded_cause_is_inert_in_the_confirmation_and_in_kpi_list(bot, word):
    status, body, _ = bot.slack.command("/kpi", f"record errors 3 cause:{word}")
    assert status == 200
    assert_inert(json.dumps(ack_json(body), ensure_ascii=False), word)
    status, body, _ = bot.slack.command("/kpi", "list")
    assert_inert(json.dumps(ack_json(body), ensure_ascii=False), word)


@pytest.mark.parametrize("word", HOSTILE_WORDS)
def test_an_error_quoting_the_input_is_inert(bot, word):
    status, body, _ = bot.slack.command("/cost", f"{word} tools")
    assert status == 200
    assert_inert(json.dumps(ack_json(body), ensure_ascii=False), word)


def test_a_user_mention_stays_a_mention_and_its_label_goes(bot):
    bot.slack.command("/note", "fragt <@U123|boss> nach dem Angebot")
    status, body, _ = bot.slack.command("/kpi", "list")
    shown = json.dumps(ack_json(body), ensure_ascii=False)
    assert "<@U123>" in shown and "|boss" not in shown
    status, body, _ = bot.slack.command("/cost", "<@U123|boss> tools")
    assert "|boss" not in json.dumps(ack_json(body), ensure_ascii=False)
