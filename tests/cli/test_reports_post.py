"""`northstar digest --week W --post` of a paused week: exit 2 with the reason, nothing posted."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from sqlalchemy import select

from cli.main import main
from storage.db import Database
from storage.models import Digest, Workspace
from storage.owners import pause_weeks


def test_posting_a_paused_week_from_the_command_line_exits_non_zero(sqlite_url, fake_slack,
                                                                     monkeypatch, capsys):
    db = Database(sqlite_url)
    now = datetime(2026, 11, 20, tzinfo=UTC)
    with db.session() as session:
        session.add(Workspace(id="T0ACCEPT", kpi_channel="C0KPI", created_at=now))
        session.flush()
        pause_weeks(session, "T0ACCEPT", ["2026-W46"], "U0OWNER", now)
    for name in [key for key in os.environ if key.startswith(("SLACK_", "NORTHSTAR_"))]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", fake_slack.bot_token)
    monkeypatch.setenv("SLACK_API_URL", fake_slack.api_url)
    assert main(["digest", "--week", "2026-W46", "--post"]) == 2
    assert "2026-W46 is paused: no digest is posted" in capsys.readouterr().err
    assert fake_slack.top_level_posts() == []
    with db.reader() as session:
        assert session.scalars(select(Digest)).all() == []
    db.dispose()
