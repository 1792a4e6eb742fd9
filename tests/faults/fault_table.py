"""The table of fault scenarios: one row per scenario, printed at the end of a run, kept in a
file (NORTHSTAR_FAULT_TABLE) and written as the reliability document (NORTHSTAR_RELIABILITY_DOC).

"lost" counts what should exist and does not (an event, an entry confirmed as saved, a digest
message or chart), "duplicates" what exists more often than once or exists although the sender
was not told so (it will send it again).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime

TABLE_ENV = "NORTHSTAR_FAULT_TABLE"
DOC_ENV = "NORTHSTAR_RELIABILITY_DOC"
DOC_COMMAND = ("NORTHSTAR_RELIABILITY_DOC=docs/reliability.md "
               ".venv/bin/python -m pytest tests/faults -p no:cacheprovider")


@dataclass
class Row:
    fault: str
    count: int
    messages: int | None
    lost: int
    duplicates: int
    note: str = ""
    outcome: str = ""


ROWS: list[Row] = []


class FaultTable:
    """What a scenario saw, one row per scenario (recorded before its assertions)."""

    def record(self, fault: str, count: int, messages: int | None, lost: int,
               duplicates: int, note: str = "") -> Row:
        row = Row(fault, count, messages, lost, duplicates, note)
        ROWS.append(row)
        return row


def _cells(row: Row) -> tuple[str, ...]:
    return (row.fault, str(row.count), "-" if row.messages is None else str(row.messages),
            str(row.lost), str(row.duplicates), row.outcome, row.note)


HEADER = ("fault", "count", "messages posted", "events lost", "duplicates", "test", "notes")


def totals(rows: list[Row]) -> str:
    return (f"{len(rows)} scenarios, {sum(r.lost for r in rows)} lost, "
            f"{sum(r.duplicates for r in rows)} duplicates")


def render_table(rows: list[Row]) -> str:
    """The rows as an aligned Markdown table, and a line of totals."""
    lines = [_cells(row) for row in rows]
    widths = [max(len(cell) for cell in column) for column in zip(HEADER, *lines, strict=False)]

    def line(cells) -> str:
        return "| " + " | ".join(cell.ljust(width) for cell, width in zip(cells, widths,
                                                                          strict=True)) + " |"

    rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([line(HEADER), rule, *(line(cells) for cells in lines)]) + "\n" + totals(rows)


def _cell(text: str) -> str:
    """Text shown as it is in a Markdown table: no pipe ends the cell, no `<!channel>` is taken
    for HTML."""
    return html.escape(text, quote=False).replace("|", "\\|")


def _escaped(row: Row) -> Row:
    return Row(_cell(row.fault), row.count, row.messages, row.lost, row.duplicates,
               _cell(row.note), row.outcome)


def reliability_doc(rows: list[Row], outcomes: dict[str, int], not_run: list[str],
                    now: datetime | None = None) -> str:
    """docs/reliability.md: how the table is made, the run's outcome, the table."""
    now = now or datetime.now(UTC)
    table = render_table([_escaped(row) for row in rows])
    body, total = table.rsplit("\n", 1)
    ran = ", ".join(f"{count} {name}" for name, count in sorted(outcomes.items()) if count)
    skipped = "".join(f"\n- {reason}" for reason in not_run)
    return f"""# Reliability: the fault-injection table

This file is written by the fault suite (`tests/faults/`, marker `faults`), not by hand. Each
row is one scenario run against real `northstar run` processes or the in-process scheduler, the
fake Slack of `tests/fake_slack/` and a real database: the fault, how many times it was
injected, the digest messages Slack got, what was lost and what was duplicated, whether the
scenario's test passed. "Lost" counts what should exist and does not (an event, an entry
confirmed as saved, a digest message or chart); "duplicates" what exists more than once, or
exists although its sender was not told so.

Regenerate it (a few minutes; PostgreSQL rows need `NORTHSTAR_TEST_PG_URL` or, for the
restart scenarios, the server binaries that `scripts/pg_temp.sh` finds):

    {DOC_COMMAND}

Last run {now:%Y-%m-%d %H:%M} UTC: {ran}.{' Not run:' if skipped else ''}{skipped}

{body}

{total}.
"""
