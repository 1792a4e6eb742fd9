"""Goals, export, and settings or goals from a CSV are for workspace admins only."""

from __future__ import annotations

import json

from sqlalchemy import select

from storage.models import Goal, Workspace
from tests.bot.helpers import ack_text


def test_a_member_cannot_set_a_goal_but_can_read_them(bot):
    status, body, _ = bot.slack.command("/kpi", "goal error_rate_per_100 2", user_id="U0OTHER")
    assert status == 200 and "Admins" in ack_text(body)
    with bot.db.session() as session:
        assert session.scalars(select(Goal)).all() == []
    _, body, _ = bot.slack.command("/kpi", "goal", user_id="U0OTHER")
    assert "Ziele" in ack_text(body) or "Goals" in ack_text(body)


def test_a_member_gets_no_export(bot):
    bot.slack.command("/cost", "49,90 tools Zapier")
    _, body, _ = bot.slack.command("/kpi", "export", user_id="U0OTHER")
    assert "Admins" in ack_text(body) and bot.fake.uploaded_files == []


def csv_event(bot, content: bytes, user: str) -> dict:
    from tests.bot.test_slack_surfaces import csv_event as make

    payload = make(bot, content)
    payload["event"]["user"] = user
    return payload


def test_settings_rows_from_a_member_are_refused_and_nothing_changes(bot):
    bot.slack.command("/kpi", "settings language de")
    bot.slack.event(csv_event(bot, b"date,kind,name,amount\n,setting,timezone,Mars/Base\n", "U0OTHER"))
    [answer] = bot.fake.wait_for("chat.postMessage")
    assert "Admin" in answer.args["text"] and "csv_import_confirm" not in json.dumps(answer.args)
    with bot.db.session() as session:
        assert session.get(Workspace, "T0ACCEPT").timezone == "Europe/Berlin"


def test_an_admin_cannot_brick_the_workspace_with_a_bad_zone_either(bot):
    bot.slack.command("/kpi", "settings language de")
    bot.slack.event(csv_event(bot, b"date,kind,name,amount\n,setting,timezone,Mars/Base\n", "U0OWNER"))
    [answer] = bot.fake.wait_for("chat.postMessage")
    assert "Mars/Base" in answer.args["text"] and "Zeitzone" in answer.args["text"]
    status, body, _ = bot.slack.command("/kpi", "settings show")
    assert status == 200 and "Europe/Berlin" in ack_text(body)
