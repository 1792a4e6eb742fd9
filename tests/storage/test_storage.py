"""The database layer on SQLite and PostgreSQL: migrations, entries, claims, CSV."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import inspect

from capture.context import ParseContext
from capture.inputs import CostInput, MetricInput, NoteInput
from storage.csv_io import (
    CsvImportError,
    escape_cell,
    export_rows,
    import_rows,
    parse_csv,
    unescape_cell,
)
from storage.db import Database
from storage.digests import claim_digest, mark_failed, reclaim_digest
from storage.entries import Provenance, add_entry, add_unless_known, delete_entry
from storage.models import Entry, Workspace

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
COST = CostInput(Decimal("49.90"), "tools", "fixed", "Zapier", date(2026, 11, 20), None, "month")


def ctx(lang: str = "en") -> ParseContext:
    return ParseContext(today=date(2026, 11, 20), lang=lang)


def test_migrations_create_every_table(db):
    tables = set(inspect(db.engine).get_table_names())
    assert {"workspaces", "entries", "goals", "digests", "alerts", "processed_events",
            "category_classes", "alembic_version"} <= tables


def test_money_round_trips_as_decimal_and_times_as_utc(db):
    with db.session() as session:
        row = add_entry(session, "T1", COST, Provenance("U1", NOW, "slash"))
        entry_id = row.id
    with db.session() as session:
        row = session.get(Entry, entry_id)
        assert row.quantity == Decimal("49.90") and isinstance(row.quantity, Decimal)
        assert row.entered_at == NOW and row.entered_at.tzinfo is not None


def test_external_id_is_stored_once(db):
    origin = Provenance(None, NOW, "ingest", external_id="x-1")
    with db.session() as session:
        assert add_unless_known(session, "T1", COST, origin) is not None
        assert add_unless_known(session, "T1", COST, origin) is None
    with db.session() as session:
        assert session.query(Entry).count() == 1


def test_soft_delete_keeps_the_row(db):
    with db.session() as session:
        entry_id = add_entry(session, "T1", COST, Provenance("U1", NOW, "slash")).id
        delete_entry(session, "T1", entry_id, "U1", False, NOW)
    with db.session() as session:
        assert session.get(Entry, entry_id).deleted_at == NOW


def test_a_week_is_claimed_once(db):
    with db.session() as session:
        assert claim_digest(session, "T1", "2026-W47", "a", NOW) is not None
    with db.session() as session:
        assert claim_digest(session, "T1", "2026-W47", "b", NOW) is None


def test_failed_digest_is_reclaimed_once_when_due(db):
    with db.session() as session:
        digest = claim_digest(session, "T1", "2026-W47", "a", NOW)
        mark_failed(session, digest, "channel_not_found", NOW)
        due = digest.next_attempt_at
    with db.session() as session:
        digest = session.get(type(digest), digest.id)
        assert not reclaim_digest(session, digest, "b", NOW)
        assert reclaim_digest(session, digest, "b", due + timedelta(seconds=1))
    with db.session() as session:
        digest = session.get(type(digest), digest.id)
        assert not reclaim_digest(session, digest, "c", due + timedelta(seconds=1))


def test_formula_cells_are_escaped_and_restored():
    assert escape_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert escape_cell("-3 days") == "'-3 days"
    assert unescape_cell(escape_cell("@evil")) == "@evil"
    assert escape_cell("plain") == "plain"


def test_csv_import_with_german_separator_and_numbers(db):
    text = ("date;kind;name;amount;channel;cause;description\n"
            "20.11.2026;cost;tools;1.234,56;;;Zapier\n"
            "20.11.2026;metric;errors;3;;rework;\n")
    rows = parse_csv(text, ctx())
    with db.session() as session:
        result = import_rows(session, session.get(Workspace, "T1"), rows, None, NOW)
    assert result.added == 2
    with db.session() as session:
        amounts = sorted(e.quantity for e in session.query(Entry))
    assert amounts == [Decimal(3), Decimal("1234.56")]


def test_csv_errors_are_line_numbered_and_nothing_is_stored(db):
    text = ("date,kind,name,amount\n2026-11-20,cost,tools,abc\n2026-11-20,metric,ordrs,1\n"
            "2026-11-20,cost,tools,5\n")
    with pytest.raises(CsvImportError) as error:
        parse_csv(text, ctx())
    assert [line for line, _ in error.value.errors] == [2, 3]


def test_importing_the_same_file_again_adds_nothing(db):
    text = "date,kind,name,amount\n2026-11-20,cost,tools,5\n2026-11-20,cost,tools,5\n"
    with db.session() as session:
        workspace = session.get(Workspace, "T1")
        assert import_rows(session, workspace, parse_csv(text, ctx()), None, NOW).added == 2
        assert import_rows(session, workspace, parse_csv(text, ctx()), None, NOW).added == 0


def test_export_then_import_restores_entries_settings_and_goals(db, tmp_path):
    with db.session() as session:
        workspace = session.get(Workspace, "T1")
        workspace.hourly_rate = Decimal(45)
        add_entry(session, "T1", COST, Provenance("U1", NOW, "slash"))
        add_entry(session, "T1", MetricInput("errors", Decimal(2), date(2026, 11, 19), None,
                                             "rework"), Provenance("U1", NOW, "slash"))
        add_entry(session, "T1", NoteInput("=cmd|' /C calc'!A0", date(2026, 11, 19), "blocker"),
                  Provenance("U1", NOW, "slash"))
        from storage.csv_io import export_workspace

        path = export_workspace(session, workspace, tmp_path)
        exported = export_rows(session, workspace)
    assert "'=cmd" in path.read_text()
    other = Database(f"sqlite:///{tmp_path / 'empty.db'}")
    other.upgrade()
    with other.session() as session:
        session.add(Workspace(id="T1", created_at=NOW))
        session.flush()
        workspace = session.get(Workspace, "T1")
        import_rows(session, workspace, parse_csv(path.read_text(), ctx()), None, NOW)
    with other.session() as session:
        restored = export_rows(session, session.get(Workspace, "T1"))
    assert [{k: v for k, v in r.items() if k != "external_id"} for r in restored] == [
        {k: v for k, v in r.items() if k != "external_id"} for r in exported]


def test_a_reader_runs_beside_a_writer_holding_the_lock(db):
    with db.session() as writer:
        writer.add(Workspace(id="T2", created_at=NOW))
        writer.flush()
        with db.reader() as reader:
            assert reader.get(Workspace, "T1") is not None
            assert reader.get(Workspace, "T2") is None
    with db.reader() as reader:
        assert reader.get(Workspace, "T2") is not None
