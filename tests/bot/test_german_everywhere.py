"""A German workspace reads German on every surface: no English vocabulary key (`revenue`,
`rework`, `support`, `acquisition` …) shows in its digest, App Home, report, list, settings,
confirmations, error messages or `northstar report`; an English workspace keeps the keys."""

from __future__ import annotations

import pytest

from bot.surfaces.edits import audit_lines, edit_modal
from cli.main import main
from metrics.vocabulary import DEFAULT_CATEGORY_CLASSES
from ritual.edits import EditForm
from storage.edits import FieldChange
from storage.sample_business import DEMO_TEAM
from tests.bot.german_surfaces import (
    NOW,
    SAME_IN_GERMAN,
    command_answer,
    csv_event,
    digest_surfaces,
    english_found,
    english_keys,
    seeded_demo,
    visible,
)

# Typed in English and in German: a German workspace answers in German either way.
COMMANDS = [
    ("/kpi", "record umsatz 89,90"), ("/kpi", "record revenue 120"),
    ("/kpi", "record fehler 2 cause:nacharbeit"), ("/kpi", "record errors 1 cause:rework"),
    ("/kpi", "record errors 1 cause:return"), ("/kpi", "record new_customers 3"),
    ("/hours", "1h support"), ("/hours", "2h kundenservice"), ("/hours", "1h ops Lager"),
    ("/hours", "30m automation"), ("/hours", "1h xyz"),
    ("/cost", "12 other"), ("/cost", "30 werbung"), ("/cost", "49,90 goods every:month"),
    ("/cost", "20 shipping"), ("/cost", "15 fees"),
    ("/note", "Neue Aushilfe im Versand"), ("/note", "Preise erhöhen kind:decision"),
    ("/kpi", "owner bestellungen <@U0BEN>"), ("/kpi", "owner errors <@U0BEN>"), ("/kpi", "owner"),
    ("/kpi", "list"), ("/kpi", "help"), ("/kpi", "goal"), ("/kpi", "settings"),
    ("/kpi", "settings show"), ("/kpi", "settings hourly_rate 45"),
    ("/kpi", "settings category werbung fixed"), ("/kpi", "settings category ads nonsense"),
    ("/kpi", "record revnue 3"), ("/kpi", "record orders 3 cause:rework"),
    ("/kpi", "record errors 3 channel:shop"), ("/cost", "30 tools every:weekly"),
    ("/note", "Lieferant spät kind:whatever"),
]
DEMO_COMMANDS = [("/kpi", "report"), ("/kpi", "report t13w"), ("/kpi", "digest")]
BAD_CSV = (b"date;kind;name;amount;class;cause\n"
           b"20.11.2026;metric;revnue;12;;\n"
           b"20.11.2026;hours;schlafen;1;;\n"
           b"20.11.2026;cost;werbung;30;teuer;\n"
           b"20.11.2026;note;whatever;;;\n")
GOOD_CSV = (b"date;kind;name;amount;cause\n20.11.2026;metric;errors;2;rework\n"
            b"20.11.2026;cost;ads;30;\n20.11.2026;hours;support;1;\n")

EDITS = [FieldChange(1, "U0OWNER", NOW, field, old, new) for field, old, new in (
    ("cause", "rework", "return"), ("activity", "support", "ops"), ("category", "ads", "other"),
    ("cost_class", "acquisition", "fixed"), ("metric", "orders", "revenue"),
    ("note_kind", "context", "decision"), ("every", "month", "year"))]
EDIT_FORMS = [EditForm(1, kind, values, "de", "2026-11-20", sorted(DEFAULT_CATEGORY_CLASSES))
              for kind, values in (
                  ("record", {"metric": "errors", "value": "2", "dimension": "rework"}),
                  ("hours", {"duration": "1", "activity": "support"}),
                  ("cost", {"amount": "30", "category": "ads", "every": "month"}),
                  ("note", {"text": "Preise erhöhen", "kind": "decision"}))]


def test_the_scan_finds_what_german_workspaces_read_before():
    before = "✅ Gespeichert: revenue 89,90 € · 1 h · support · Other (fix) · cause: rework"
    assert set(english_found(before)) == {"revenue", "support", "other", "rework"}
    assert english_found("Umsatz · Kundenservice · return_rate_pct · Marketing") == {}


def test_the_english_keys_come_from_the_vocabulary_with_a_small_allow_list():
    keys = english_keys()
    assert {"revenue", "rework", "support", "acquisition", "fixed", "other", "ads", "orders",
            "errors", "inquiry", "cancellation", "return", "sales", "ops"} <= keys
    assert not keys & set(SAME_IN_GERMAN) and len(SAME_IN_GERMAN) <= 10


@pytest.fixture
def german_surfaces(bot, capsys, monkeypatch) -> dict[str, str]:
    """Every surface of a German workspace (the demo, and a new one typed into), rendered."""
    seeded_demo(bot.db)
    shown = digest_surfaces(bot.db)
    for command, text in COMMANDS:
        shown[f"{command} {text}"] = command_answer(bot, command, text)
    for command, text in DEMO_COMMANDS:
        shown[f"{command} {text} (demo)"] = command_answer(bot, command, text, team=DEMO_TEAM)
    bot.slack.event(csv_event(bot, BAD_CSV))
    [refused] = bot.fake.wait_for("chat.postMessage")
    shown["CSV errors"] = refused.args["text"] + "\n" + visible(refused.args.get("blocks", []))
    bot.slack.event(csv_event(bot, GOOD_CSV, file_id="F222"))
    preview = bot.fake.wait_for("chat.postMessage", count=2)[-1]
    shown["CSV preview"] = visible(preview.args.get("blocks", []))
    shown["edit trail"] = "\n".join(audit_lines(EDITS, "de", "Europe/Berlin"))
    shown["edit forms"] = "\n".join(visible(edit_modal(form, "C0KPI")) for form in EDIT_FORMS)
    monkeypatch.setenv("DATABASE_URL", bot.db.url)
    capsys.readouterr()
    assert main(["report", "--team", DEMO_TEAM, "--week", "2026-W47"]) == 0
    shown["northstar report"] = capsys.readouterr().out
    return shown


def test_no_english_vocabulary_shows_on_any_surface_of_a_german_workspace(german_surfaces):
    found = {surface: english_found(text) for surface, text in german_surfaces.items()}
    assert {surface: words for surface, words in found.items() if words} == {}


def test_the_surfaces_say_the_german_words(german_surfaces):
    shown = german_surfaces
    assert "Umsatz 89,90" in shown["/kpi record umsatz 89,90"]
    assert "Fehler 2 · Ursache: Nacharbeit" in shown["/kpi record fehler 2 cause:nacharbeit"]
    assert "Ursache: Rücksendung" in shown["/kpi record errors 1 cause:return"]
    assert "1 h · Kundenservice" in shown["/hours 1h support"]
    assert "Sonstiges (fix)" in shown["/cost 12 other"]
    assert "Werbung (Akquise)" in shown["/cost 30 werbung"]
    assert "Nacharbeit" in shown["digest channel message"]
    assert "Stunden nach Tätigkeit" in shown["northstar report"]
    assert "Kundenservice:" in shown["northstar report"]
    assert "Stundensatz (`hourly_rate`): 45" in shown["/kpi settings hourly_rate 45"]
    assert "Meintest du „Umsatz“?" in shown["/kpi record revnue 3"]
    assert "Zeile 2" in shown["CSV errors"] and "Kundenservice" in shown["CSV errors"]
    assert "1 Kosten, 1 Stunden, 1 Kennzahlen" in shown["CSV preview"]
    assert "Ursache Nacharbeit → Rücksendung" in shown["edit trail"]
    assert "Nacharbeit" in shown["edit forms"] and "Werbung" in shown["edit forms"]


def test_an_english_workspace_keeps_the_english_words(bot):
    command_answer(bot, "/kpi", "settings language en")
    assert "revenue €89.90" in command_answer(bot, "/kpi", "record umsatz 89,90")
    assert "cause: rework" in command_answer(bot, "/kpi", "record fehler 2 cause:nacharbeit")
    assert "1 h · support" in command_answer(bot, "/hours", "1h kundenservice")
    assert "Ads (acquisition)" in command_answer(bot, "/cost", "30 werbung")
