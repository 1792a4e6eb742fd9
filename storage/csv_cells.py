"""CSV as a file format: cells guarded against spreadsheet formulas on export and restored
exactly on import; files read as UTF-8 (with or without BOM) or Windows-1252 (German Excel),
separated by ',' or ';', with problems as InputError codes that carry their line."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence

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


# German column names and kinds, read as the English ones
GERMAN_COLUMNS = {"datum": "date", "art": "kind", "betrag": "amount", "wert": "amount",
                  "kanal": "channel", "ursache": "cause", "beschreibung": "description",
                  "klasse": "class", "kostenklasse": "class", "wiederkehrend": "every"}
GERMAN_KINDS = {"kosten": "cost", "stunden": "hours", "kennzahl": "metric", "notiz": "note",
                "einstellung": "setting", "ziel": "goal"}


def detect_dialect(text: str) -> tuple[str, str]:
    """The separator and the language that decides ambiguous numbers (';' files are German)."""
    header = text.splitlines()[0] if text else ""
    separator = ";" if header.count(";") > header.count(",") else ","
    return separator, "de" if separator == ";" else "en"


def _csv_error(error: csv.Error, line: int) -> InputError:
    if "field limit" in str(error):
        return InputError("csv_field_too_large", line=line, limit=csv.field_size_limit())
    return InputError("csv_malformed", line=line, detail=str(error))


def _records(reader: csv.DictReader) -> Iterator[tuple[int, dict[str, str]]]:
    line = 1
    try:
        for line, row in enumerate(reader, start=2):
            yield line, {key: value or "" for key, value in row.items() if key is not None}
    except csv.Error as error:
        raise _csv_error(error, line + 1) from error


def read_table(data: str | bytes, required: Sequence[str], columns: Sequence[str],
               aliases: dict[str, str] | None = None
               ) -> tuple[str, Iterator[tuple[int, dict[str, str]]]]:
    """The file's language and its records as (line, {column: cell}); InputError (with `line`)
    for a file that is no text, is empty, holds a NUL byte or lacks a required column. The
    records raise InputError at a cell over the csv module's size limit. `aliases` renames
    header names (e.g. German ones) to the columns."""
    text = (decode_csv(data) if isinstance(data, bytes) else data).lstrip("\ufeff")
    if not text.strip():
        raise InputError("csv_empty", line=1)
    if (nul := text.find("\0")) >= 0:
        raise InputError("csv_nul_byte", line=text.count("\n", 0, nul) + 1)
    separator, lang = detect_dialect(text)
    reader = csv.DictReader(io.StringIO(text), delimiter=separator)
    try:
        header = [(aliases or {}).get(name.strip().lower(), name.strip().lower())
                  for name in (reader.fieldnames or [])]
    except csv.Error as error:
        raise _csv_error(error, 1) from error
    missing = [column for column in required if column not in header]
    if missing:
        raise InputError("csv_missing_columns", line=1, missing=", ".join(missing),
                         expected=separator.join(columns))
    reader.fieldnames = header
    return lang, _records(reader)
