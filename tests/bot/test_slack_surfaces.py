"""App Home, the "Log as note" shortcut, CSV in a DM, /kpi export, report, digest, goals."""

from __future__ import annotations

import copy
import json
import time
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from storage.models import Digest, Entry, Goal, Workspace
from tests.bot.helpers import ack_json, ack_text, button_payload, live_entries, view_submission_payload
from tests.slack_requests import load_payload


def wait_until(check, timeout: float = 5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.02)
    return check()


def test_app_home_shows_the_scorecard_and_logging_buttons(bot):
    bot.slack.command("/kpi", "record revenue 1200")
    status, _, _ = bot.slack.event(load_payload("event_app_home_opened"))
    assert status == 200
    [call] = bot.fake.wait_for("views.publish")
    view = json.dumps(call.args["view"], ensure_ascii=False)
    assert call.args["user_id"] == "U0OWNER" and "home_log:cost" in view
    assert "Umsatz" in view and "1.200" in view
    assert bot.fake.violations == []


def test_log_as_note_shortcut_stores_the_message_once(bot):
    payload = copy.deepcopy(load_payload("message_shortcut"))
    payload["callback_id"] = "log_as_note"
    payload["response_url"] = bot.fake.response_url("shortcut")
    bot.slack.shortcut(payload)
    bot.slack.shortcut(payload)
    bot.fake.wait_for_response(count=2)
    [note] = live_entries(bot.db)
    assert (note.kind, note.description, note.source) == ("note", "<@U0OTHER> test", "shortcut")
    assert note.occurred_on.isoformat() == "2020-03-08"


def csv_event(bot, content: bytes) -> dict:
    payload = copy.deepcopy(load_payload("event_file_share_dm"))
    url = bot.fake.host_file("F111", content)
    payload["event"]["files"][0].update(name="kosten.csv", filetype="csv", url_private=url,
                                        url_private_download=url)
    return payload


def test_csv_in_a_dm_is_previewed_then_imported_on_confirm(bot):
    bot.slack.event(csv_event(bot, b"date;kind;name;amount\n20.11.2026;cost;tools;49,90\n"
                                   b"20.11.2026;metric;orders;12\n"))
    [preview] = bot.fake.wait_for("chat.postMessage")
    assert "2" in preview.args["text"] and live_entries(bot.db) == []
    button = next(e for b in preview.args["blocks"] for e in b.get("elements", [])
                  if e.get("action_id") == "csv_import_confirm")
    url = bot.fake.response_url("import")
    bot.slack.action(button_payload("csv_import_confirm", button["value"], response_url=url))
    bot.fake.wait_for_response()
    assert sorted(e.quantity for e in live_entries(bot.db)) == [Decimal(12), Decimal("49.90")]
    bot.slack.action(button_payload("csv_import_confirm", button["value"], response_url=url))
    bot.fake.wait_for_response(count=2)
    assert len(live_entries(bot.db)) == 2


def test_csv_with_errors_lists_lines_and_offers_no_import(bot):
    bot.slack.event(csv_event(bot, b"date,kind,name,amount\n2026-11-20,cost,tools,abc\n"))
    [answer] = bot.fake.wait_for("chat.postMessage")
    assert "Zeile 2" in answer.args["text"] and "csv_import_confirm" not in json.dumps(answer.args)


def test_kpi_export_sends_a_csv_to_my_dms(bot):
    bot.slack.command("/cost", "49,90 tools =HYPERLINK")
    bot.slack.command("/kpi", "export", response_url=bot.fake.response_url("export"))
    [upload] = wait_until(lambda: bot.fake.uploaded_files)
    assert upload["channel_id"] == "D0OWNER" and upload["filename"].endswith(".csv")
    assert b"'=HYPERLINK" in upload["content"]


def test_kpi_report_and_digest_preview_are_ephemeral_and_valid(bot):
    bot.slack.command("/kpi", "record revenue 1200")
    bot.slack.command("/kpi", "report", response_url=bot.fake.response_url("report"))
    bot.slack.command("/kpi", "digest", response_url=bot.fake.response_url("digest"))
    answers = bot.fake.wait_for_response(count=2)
    digest, report = sorted(answers, key=lambda answer: "Vorschau" in json.dumps(answer),
                            reverse=True)
    assert report["response_type"] == digest["response_type"] == "ephemeral"
    assert "Scorecard" in json.dumps(report) and "Vorschau" in json.dumps(digest)
    assert "Was blockiert?" in json.dumps(digest, ensure_ascii=False)


def test_kpi_goal_sets_lists_and_refuses_unknown_kpis(bot):
    _, body, _ = bot.slack.command("/kpi", "goal error_rate_per_100 2,5")
    assert "≤" in ack_text(body)
    with bot.db.session() as session:
        [goal] = session.query(Goal).all()
        assert (goal.kpi, goal.target) == ("error_rate_per_100", Decimal("2.5"))
    _, body, _ = bot.slack.command("/kpi", "goal")
    assert "error_rate_per_100" in ack_text(body)
    _, body, _ = bot.slack.command("/kpi", "goal eror_rate_per_100 2")
    assert "error_rate_per_100" in ack_text(body) and "Nicht gespeichert" in ack_text(body)


def test_settings_change_needs_an_admin_and_validates(bot):
    _, body, _ = bot.slack.command("/kpi", "settings timezone Mars/Olympus")
    assert "keine Zeitzone" in ack_text(body)
    _, body, _ = bot.slack.command("/kpi", "settings hourly_rate 45", user_id="U0OTHER")
    assert "Admins" in ack_text(body)
    bot.slack.command("/kpi", "settings channel <#C0KPI|kpi>")
    bot.slack.command("/kpi", "settings weekday fr")
    bot.slack.command("/kpi", "settings time 8:30")
    bot.slack.command("/kpi", "settings category kaffee variable")
    with bot.db.session() as session:
        workspace = session.get(Workspace, "T0ACCEPT")
        assert (workspace.kpi_channel, workspace.digest_weekday, workspace.digest_time) == (
            "C0KPI", 4, "08:30")
        assert workspace.hourly_rate is None and workspace.timezone == "Europe/Berlin"
    _, body, _ = bot.slack.command("/cost", "12 kaffee")
    assert "variabel" in ack_text(body)


def test_settings_token_is_shown_once_and_works(bot):
    _, body, _ = bot.slack.command("/kpi", "settings token")
    assert "nst_" in ack_text(body)
    with bot.db.session() as session:
        stored = session.get(Workspace, "T0ACCEPT").ingest_token_hash
    assert stored and "nst_" not in stored


def seed_digest_with_hypothesis(bot) -> int:
    now = datetime(2026, 11, 20, tzinfo=UTC)
    bot.slack.command("/note", "Checklist halves rework kind:hypothesis date:18.11.")
    with bot.db.session() as session:
        session.add(Digest(workspace_id="T0ACCEPT", week="2026-W47", status="posted",
                           claimed_at=now, channel="C0KPI", ts="1700000000.000100"))
        return session.query(Entry).one().id


def test_hypothesis_outcome_button_records_the_outcome(bot):
    entry_id = seed_digest_with_hypothesis(bot)
    url = bot.fake.response_url("outcome")
    bot.slack.action(button_payload("hypothesis_outcome:confirmed", f"{entry_id}:confirmed",
                                    response_url=url))
    bot.fake.wait_for_response()
    with bot.db.session() as session:
        assert session.get(Entry, entry_id).outcome == "confirmed"


def test_answer_button_opens_three_questions_and_stores_notes(bot):
    seed_digest_with_hypothesis(bot)
    bot.slack.action(button_payload("digest_answer", "2026-W47"))
    [call] = bot.fake.wait_for("views.open")
    assert [b["block_id"] for b in call.args["view"]["blocks"]] == [
        "value", "blocker", "hypothesis", "exp_kpi", "exp_direction", "exp_size", "exp_since"]
    payload = view_submission_payload("digest_answers", {
        "value": {"type": "plain_text_input", "value": "Bundle sold"},
        "blocker": {"type": "plain_text_input", "value": None},
        "hypothesis": {"type": "plain_text_input", "value": "Free shipping"},
    }, private_metadata=json.dumps({"week": "2026-W47"}))
    bot.slack.view_submission(payload)
    notes = wait_until(lambda: [e for e in live_entries(bot.db) if e.source == "modal"])
    assert sorted((n.note_kind, n.description) for n in notes) == [
        ("hypothesis", "Free shipping"), ("value", "Bundle sold")]
    assert all(n.occurred_on.isoformat() == "2026-11-22" for n in notes)


def test_bare_settings_opens_a_form_for_admins_and_saves_it(bot):
    bot.slack.command("/kpi", "settings")
    [call] = bot.fake.wait_for("views.open")
    assert call.args["view"]["callback_id"] == "settings_modal" and bot.fake.violations == []
    fields = {
        "channel": {"type": "conversations_select", "selected_conversation": "C0KPI"},
        "weekday": {"type": "static_select", "selected_option": {"value": "tue"}},
        "time": {"type": "timepicker", "selected_time": "10:15"},
        "timezone": {"type": "plain_text_input", "value": "Europe/Vienna"},
        "hourly_rate": {"type": "plain_text_input", "value": "55,50"},
    }
    status, body, _ = bot.slack.view_submission(view_submission_payload("settings_modal", fields))
    assert status == 200 and body == ""
    with bot.db.session() as session:
        workspace = session.get(Workspace, "T0ACCEPT")
        assert (workspace.kpi_channel, workspace.digest_weekday, workspace.digest_time,
                workspace.timezone, workspace.hourly_rate) == (
            "C0KPI", 1, "10:15", "Europe/Vienna", Decimal("55.5"))


def test_settings_form_with_a_bad_field_saves_nothing(bot):
    bot.slack.command("/kpi", "settings language de")
    fields = {"timezone": {"type": "plain_text_input", "value": "Nowhere/Land"},
              "hourly_rate": {"type": "plain_text_input", "value": "60"}}
    _, body, _ = bot.slack.view_submission(view_submission_payload("settings_modal", fields))
    assert "timezone" in json.loads(body)["errors"]
    with bot.db.session() as session:
        assert session.get(Workspace, "T0ACCEPT").hourly_rate is None


def test_bare_settings_for_a_non_admin_shows_them_and_who_can_change(bot):
    _, body, _ = bot.slack.command("/kpi", "settings", user_id="U0OTHER")
    assert "Admins" in ack_text(body) and "Zeitzone (`timezone`): Europe/Berlin" in ack_text(body)
    assert bot.fake.calls_to("views.open") == []


def test_digest_post_by_an_admin_posts_once(bot):
    bot.slack.command("/kpi", "settings channel <#C0KPI|kpi>")
    bot.slack.command("/kpi", "record revenue 1200")
    url = bot.fake.response_url("post")
    _, body, _ = bot.slack.command("/kpi", "digest post", user_id="U0OTHER")
    assert "Admins" in ack_text(body)
    bot.slack.command("/kpi", "digest post", response_url=url)
    bot.slack.command("/kpi", "digest post", response_url=url)
    answers = sorted(r["text"] for r in bot.fake.wait_for_response(count=2, timeout=60))
    assert answers[0].startswith("Der Digest dieser Woche ist schon gepostet")
    assert answers[1] == "✅ Digest gepostet."
    assert len(bot.fake.top_level_posts()) == 1


def test_a_persons_verdict_is_shown_beside_the_bots_own(bot):
    entry_id = seed_digest_with_hypothesis(bot)
    url = bot.fake.response_url("outcome-beside")
    bot.slack.action(button_payload("hypothesis_outcome:refuted", f"{entry_id}:refuted:confirmed",
                                    response_url=url))
    answer = bot.fake.wait_for_response()
    text = str(answer)
    assert "Widerlegt" in text or "Refuted" in text
    assert "bestätigt" in text or "confirmed" in text  # northstar's verdict from the numbers
    with bot.db.session() as session:
        assert session.get(Entry, entry_id).outcome == "refuted"


def answer_with_experiment(hypothesis: str, kpi: str | None, direction: str | None = "up",
                           size: str = "", since: str | None = None) -> dict:
    select = lambda value: {"type": "static_select",  # noqa: E731
                            "selected_option": {"value": value} if value else None}
    return view_submission_payload("digest_answers", {
        "value": {"type": "plain_text_input", "value": None},
        "blocker": {"type": "plain_text_input", "value": None},
        "hypothesis": {"type": "plain_text_input", "value": hypothesis},
        "exp_kpi": select(kpi), "exp_direction": select(direction),
        "exp_size": {"type": "plain_text_input", "value": size},
        "exp_since": {"type": "datepicker", "selected_date": since},
    }, private_metadata=json.dumps({"week": "2026-W47"}))


def test_the_answer_form_turns_the_hypothesis_into_an_experiment(bot):
    seed_digest_with_hypothesis(bot)
    status, body, _ = bot.slack.view_submission(answer_with_experiment(
        "Reels bringen Klicks", "ctr_pct", "up", "10", "2026-11-16"))
    assert status == 200 and not ack_json(body or "{}").get("response_action")
    notes = wait_until(lambda: [e for e in live_entries(bot.db) if e.source == "modal"])
    assert [n.description for n in notes] == ["Reels bringen Klicks kpi:ctr_pct up 10% since:2026-11-16"]


@pytest.mark.parametrize(("hypothesis", "direction", "size", "says"), [
    ("", "up", "", ("Schreib die Hypothese", "Write the hypothesis")),
    ("Reels", None, "", ("fehlt die Richtung", "direction after kpi: is missing")),
    ("Reels", "down", "150", ("keine erwartete Größe", "not an expected size")),
])
def test_a_bad_experiment_in_the_answer_form_is_shown_at_its_field(bot, hypothesis, direction,
                                                                     size, says):
    seed_digest_with_hypothesis(bot)
    before = len(live_entries(bot.db))
    status, body, _ = bot.slack.view_submission(answer_with_experiment(hypothesis, "ctr_pct",
                                                                       direction, size))
    answer = ack_json(body)
    assert status == 200 and answer["response_action"] == "errors"
    assert any(text in answer["errors"]["hypothesis"] for text in says)
    assert len(live_entries(bot.db)) == before
