"""The reliability document the fault suite writes (docs/reliability.md)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from tests.faults.fault_table import DOC_COMMAND, Row, reliability_doc, render_table

ROWS = [Row("SIGKILL while ingesting (SQLite)", 7, None, 0, 0, "seed 1", "passed"),
        Row("chat.postMessage reset", 1, 1, 0, 1, "HTTP {200: 3} | odd", "FAILED"),
        Row("hostile: <!channel> in a note", 1, None, 0, 0, "saved: &lt;!channel&gt;", "passed")]


def test_the_document_says_how_it_is_made_and_what_ran():
    doc = reliability_doc(ROWS, {"passed": 3, "failed": 1, "skipped": 1},
                          ["tests/faults/test_full_disk_faults.py::test_x: cannot mount a tmpfs"],
                          now=datetime(2026, 12, 5, 7, 0, tzinfo=UTC))
    assert DOC_COMMAND in doc
    assert "Last run 2026-12-05 07:00 UTC: 1 failed, 3 passed, 1 skipped. Not run:" in doc
    assert "- tests/faults/test_full_disk_faults.py::test_x: cannot mount a tmpfs" in doc
    assert "3 scenarios, 0 lost, 1 duplicates." in doc


def test_every_row_is_one_line_of_a_markdown_table_even_with_a_pipe_in_its_note():
    doc = reliability_doc(ROWS, {"passed": 2}, [])
    table = [line for line in doc.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(ROWS)
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 8 for line in table)  # 7 columns
    assert "HTTP {200: 3} \\| odd" in table[3]
    assert "Not run" not in doc


def test_user_text_in_the_document_is_shown_as_it_is_not_taken_for_html():
    doc = reliability_doc(ROWS, {"passed": 3}, [])
    assert "| hostile: &lt;!channel&gt; in a note " in doc
    assert "saved: &amp;lt;!channel&amp;gt;" in doc
    assert "<!channel>" not in doc


def test_the_printed_table_ends_with_the_totals():
    assert render_table(ROWS).splitlines()[-1] == "3 scenarios, 0 lost, 1 duplicates"
