"""Formula escaping: every column survives export and import exactly, so nothing is duplicated."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capture.context import ParseContext
from capture.inputs import CostInput, MetricInput, NoteInput
from storage.csv_io import (
    COLUMNS,
    escape_cell,
    export_rows,
    export_workspace,
    import_rows,
    parse_csv,
    unescape_cell,
)
from storage.db import Database
from storage.entries import Provenance, add_entry
from storage.models import Entry, Workspace

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
CTX = ParseContext(today=date(2026, 11, 20), lang="en")
FORMULA_STARTS = "=+-@\t\r"
cells = st.text(alphabet="'=+-@\t\r\n\"a;, ", max_size=6) | st.text(max_size=12)


@settings(max_examples=300, deadline=None)
@given(cells)
def test_unescape_restores_every_escaped_cell(value):
    assert unescape_cell(escape_cell(value)) == value


@settings(max_examples=300, deadline=None)
@given(cells)
def test_an_escaped_cell_never_starts_a_formula(value):
    assert not escape_cell(value).startswith(tuple(FORMULA_STARTS))


@pytest.mark.parametrize("value", ["\tcmd", "\rcmd", "-1001", "@ads", "'=x", "''+x"])
def test_tab_carriage_return_and_quotes_are_escaped(value):
    assert escape_cell(value).startswith("'") and unescape_cell(escape_cell(value)) == value


@pytest.mark.parametrize("value", ["plain", "'quoted'", "'", "2026-11-20", ""])
def test_harmless_cells_stay_as_they_are(value):
    assert escape_cell(value) == value == unescape_cell(value)


@settings(max_examples=150, deadline=None)
@given(st.lists(cells, min_size=len(COLUMNS), max_size=len(COLUMNS)))
def test_every_column_survives_the_csv_writer_and_reader(values):
    handle = io.StringIO(newline="")
    writer = csv.writer(handle)
    writer.writerow(COLUMNS)
    writer.writerow([escape_cell(value) for value in values])
    handle.seek(0)
    row = list(csv.reader(handle))[1]
    assert [unescape_cell(cell) for cell in row] == values


def _ingested(session, entry, external_id: str) -> None:
    add_entry(session, "T1", entry, Provenance(None, NOW, "ingest", external_id=external_id))


def test_export_then_reimport_adds_no_duplicates_and_restores_every_column(db, tmp_path):
    with db.session() as session:
        _ingested(session, CostInput(Decimal("12.50"), "@ads", "acquisition", "=SUM(A1)",
                                     date(2026, 11, 19), "+shop", None), "-1001")
        _ingested(session, MetricInput("errors", Decimal(2), date(2026, 11, 19), None, "-late"),
                  "@order-7")
        _ingested(session, NoteInput("-3 days late", date(2026, 11, 18), "blocker"), "=note")
        workspace = session.get(Workspace, "T1")
        path = export_workspace(session, workspace, tmp_path)
        exported = export_rows(session, workspace)
    text = path.read_text(encoding="utf-8")
    assert "'-1001" in text and "'@ads" in text and "'+shop" in text
    rows = parse_csv(text, CTX)
    assert {row.external_id for row in rows if row.kind in ("cost", "metric", "note")} == {
        "-1001", "@order-7", "=note"}
    with db.session() as session:
        result = import_rows(session, session.get(Workspace, "T1"), rows, None, NOW)
    assert (result.added, result.duplicates) == (0, 3)
    with db.session() as session:
        assert session.query(Entry).count() == 3
    other = Database(f"sqlite:///{tmp_path / 'empty.db'}")
    other.upgrade()
    with other.session() as session:
        session.add(Workspace(id="T1", created_at=NOW))
        session.flush()
        import_rows(session, session.get(Workspace, "T1"), parse_csv(text, CTX), None, NOW)
    with other.session() as session:
        assert export_rows(session, session.get(Workspace, "T1")) == exported
    other.dispose()
