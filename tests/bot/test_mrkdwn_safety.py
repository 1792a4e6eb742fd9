"""Notes can never ping the channel or disguise a link in the digest."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from bot.digest.blocks import digest_blocks
from bot.digest.text import digest_text
from bot.digest.thread import thread_blocks
from bot.mrkdwn import escape_user_text
from capture.inputs import NoteInput
from metrics.weeks import IsoWeek
from ritual.digest_data import gather
from storage.db import Database
from storage.edit_tables import EntryEdit
from storage.entries import Provenance, add_entry
from storage.models import Entry, Workspace
from storage.sample_business import DEMO_TEAM, seed_sample_business
from tests.bot.helpers import ack_json

HOSTILE = "<!channel> <!here> <!subteam^S0ABC|@team> <https://evil.example|bank> for <@U0OTHER>"


def test_broadcasts_groups_and_links_are_shown_as_typed_and_mentions_stay():
    safe = escape_user_text(HOSTILE)
    assert "<!" not in safe and "<https" not in safe and "<@U0OTHER>" in safe
    assert "&lt;!channel&gt;" in safe and "&lt;https://evil.example|bank&gt;" in safe


def test_a_hostile_note_in_the_digest_pings_nobody(sqlite_url):
    db = Database(sqlite_url)
    db.upgrade()
    now = datetime(2026, 11, 23, 8, tzinfo=UTC)
    week = IsoWeek.parse("2026-W47")
    with db.session() as session:
        seed_sample_business(session, date(2026, 11, 23), now)
        add_entry(session, DEMO_TEAM, NoteInput(text=HOSTILE, occurred_on=week.end, kind="blocker"),
                  Provenance(entered_by="U0OWNER", entered_at=now, source="thread"))
    with db.reader() as session:
        data = gather(session, session.get(Workspace, DEMO_TEAM), week, now)
    blocks = json.dumps(digest_blocks(data) + thread_blocks(data), ensure_ascii=False)
    assert "<!channel>" not in blocks and "<!here>" not in blocks and "<!subteam" not in blocks
    assert "<https://evil" not in blocks and "<@U0OTHER>" in blocks
    assert "<!channel>" in digest_text(data)  # the readable text shows what was typed


def test_the_ephemeral_echo_of_a_note_pings_nobody(bot):
    status, body, _ = bot.slack.command("/note", "<!channel> bitte alle lesen")
    assert status == 200
    assert "<!channel>" not in str(body) and "&lt;!channel&gt;" in str(body)


def test_the_entry_list_and_its_edit_trail_ping_nobody(bot):
    bot.slack.command("/note", "<!channel> bitte alle lesen")
    bot.slack.command("/cost", "12 tools <https://evil.example|bank> <!here>")
    now = bot.clock()
    with bot.db.session() as session:
        cost = session.scalars(select(Entry).where(Entry.kind == "cost")).one()
        cost.entered_by = "U0X> <!everyone"  # a CSV import names whoever it likes
        session.add_all([
            EntryEdit(workspace_id=cost.workspace_id, entry_id=cost.id, edited_by="U0OWNER",
                      edited_at=now, field="description", old_value="<!here> old",
                      new_value="<https://evil.example|bank>"),
            EntryEdit(workspace_id=cost.workspace_id, entry_id=cost.id, edited_by=None,
                      edited_at=now + timedelta(minutes=1), field="description",
                      old_value="a", new_value="b")])
    status, body, _ = bot.slack.command("/kpi", "list")
    shown = json.dumps(ack_json(body), ensure_ascii=False)
    assert status == 200
    for hostile in ("<!channel>", "<!here>", "<!everyone", "<https://evil"):
        assert hostile not in shown
    assert "&lt;!channel&gt;" in shown and "&lt;https://evil.example|bank&gt;" in shown
    assert "<@None>" not in shown and "<@U0OWNER>" in shown
