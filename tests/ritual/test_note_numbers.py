"""Notes are numbered per workspace (1, 2, 3 …), not by database id, wherever they are shown."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.digest.content import note_lines
from bot.surfaces.confirmation import confirmation, described
from metrics.weeks import IsoWeek
from ritual.deps import Deps
from ritual.digest_data import gather
from ritual.entries import recent, undo_last
from ritual.recording import record_command
from storage.db import Database
from storage.models import Workspace
from tests.bot.conftest import MovableClock

NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)


@pytest.fixture
def deps(database_url):
    db = Database(database_url)
    yield Deps(db=db, clock=MovableClock(NOW))
    db.dispose()


def test_two_workspaces_writing_in_turn_each_count_their_own_notes(deps):
    views = []
    for text in ("Newsletter verschickt", "Preise erhöht", "Neuer Lieferant", "Messe"):
        for team in ("TONE", "TTWO"):
            views.append(record_command(deps, "note", team, "U1", f"{text} ({team})"))
        record_command(deps, "cost", "TONE", "U1", "10 tools")  # not a note: no number
    numbers = [(view.input.text.split("(")[1][:-1], view.note_number) for view in views]
    assert numbers == [("TONE", 1), ("TTWO", 1), ("TONE", 2), ("TTWO", 2),
                       ("TONE", 3), ("TTWO", 3), ("TONE", 4), ("TTWO", 4)]
    assert max(view.id for view in views) > 4  # the ids run across both workspaces
    assert "Notiz 4: Messe (TTWO)" in confirmation(views[-1])["text"]
    _, listed = recent(deps, "TTWO")
    assert [view.note_number for view in listed] == [4, 3, 2, 1]

    with deps.db.reader() as session:
        data = gather(session, session.get(Workspace, "TTWO"), IsoWeek.of(NOW.date()), NOW)
    assert [line.split(":")[0] for line in note_lines(data)] == [
        "📝 Notiz 1", "📝 Notiz 2", "📝 Notiz 3", "📝 Notiz 4"]


def test_a_hypothesis_is_shown_without_its_experiment_syntax(deps):
    view = record_command(deps, "note", "TONE", "U1",
                          "Checkliste halbiert die Nacharbeit kpi:error_rate_per_100 down 50% "
                          "kind:hypothesis")
    assert "kpi:" not in confirmation(view)["text"] and "50%" not in confirmation(view)["text"]
    with deps.db.reader() as session:
        data = gather(session, session.get(Workspace, "TONE"), IsoWeek.of(NOW.date()), NOW)
    [line] = note_lines(data)
    assert line == "🧪 Notiz 1: Checkliste halbiert die Nacharbeit – <@U1>"


def test_undoing_a_note_says_which_numbered_note_went(deps):
    for text in ("Erste Notiz", "Zweite Notiz"):
        record_command(deps, "note", "TONE", "U1", text)
    view = undo_last(deps, "TONE", "U1")
    assert view.note_number == 2
    assert "Notiz 2: Zweite Notiz" in described("undone", view)["text"]
    assert record_command(deps, "note", "TONE", "U1", "Dritte Notiz").note_number == 3  # no reuse
