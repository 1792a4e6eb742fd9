"""CSV cells: guarded against spreadsheet formulas on export, restored exactly on import; and
the bytes of a file read as UTF-8 (with or without BOM) or Windows-1252 (German Excel)."""

from __future__ import annotations

import re

from capture.errors import InputError

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


def decode_csv(data: bytes) -> str:
    """The file's text: UTF-8 (a BOM is dropped), else Windows-1252; InputError `csv_not_text`
    with the line of the first byte that is neither."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise InputError("csv_not_text", line=data.count(b"\n", 0, error.start) + 1) from error
