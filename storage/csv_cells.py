"""CSV cells: guarded against spreadsheet formulas on export, restored exactly on import."""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A cell that starts like a formula, after any number of quotes: export adds one quote, and
# import removes one from such cells only, so every value comes back exactly.
NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")


def escape_cell(value: str) -> str:
    """Guard a cell against formula injection in spreadsheets."""
    return "'" + value if NEEDS_QUOTE.match(value) else value


def unescape_cell(value: str) -> str:
    """The value `escape_cell` was given (cells it did not quote stay as they are)."""
    return value[1:] if value.startswith("'") and NEEDS_QUOTE.match(value, 1) else value
