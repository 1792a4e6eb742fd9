"""Notes can never ping the channel or disguise a link in the digest."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from bot.digest.blocks import digest_blocks
from bot.digest.text import digest_text
from bot.digest.thread import thread_blocks
from bot.mrkdwn import escape_user_text
from capture.inputs import NoteInput
from metrics.weeks import IsoWeek
from ritual.digest_data import gather
from storage.db import Database
from storage.entries import Provenance, add_entry
from storage.models import Workspace
from storage.sample_business import DEMO_TEAM, seed_sample_business

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
