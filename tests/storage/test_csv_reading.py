"""Reading CSV files as people save them: encodings, hostile cells, errors as codes with lines."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pytest

from capture.context import ParseContext
from capture.errors import InputError
from storage.csv_io import CsvImportError, parse_csv

CTX = ParseContext(today=date(2026, 11, 20), lang="de")
GERMAN = ("date;kind;name;amount;channel;cause;description\n"
          "20.11.2026;cost;tools;1.234,56;;;Büromiete für Straße, 5 €\n"
          "19.11.2026;note;context;;;;Grüße aus Köln\n")


def problems(text: str | bytes) -> list[tuple[int, InputError]]:
    with pytest.raises(CsvImportError) as error:
        parse_csv(text, CTX)
    return error.value.errors


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_utf8_with_or_without_bom_and_windows_1252_are_read(encoding):
    rows = parse_csv(GERMAN.replace("\n", "\r\n").encode(encoding), CTX)
    assert rows[0].entry.amount == Decimal("1234.56")
    assert rows[0].entry.description == "Büromiete für Straße, 5 €"
    assert rows[1].entry.text == "Grüße aus Köln"


def test_text_that_is_neither_utf8_nor_windows_1252_names_its_line():
    data = GERMAN.encode("utf-8") + b"20.11.2026;note;context;;;;\x81\x8d\n"
    [(line, problem)] = problems(data)
    assert line == 4 and problem.code == "csv_not_text" and problem.params["line"] == 4


def test_a_field_over_the_csv_limit_is_an_error_with_its_line_not_a_crash():
    huge = "x" * (csv.field_size_limit() + 1)
    text = f"date,kind,name,amount,description\n2026-11-20,cost,tools,5,ok\n2026-11-20,note,context,,{huge}\n"
    [(line, problem)] = problems(text)
    assert line == 3 and problem.code == "csv_field_too_large"
    assert problem.params == {"line": 3, "limit": csv.field_size_limit()}


def test_a_nul_byte_is_an_error_with_its_line():
    text = "date,kind,name,amount\n2026-11-20,cost,tools,5\n2026-11-20,cost,to\x00ols,5\n"
    [(line, problem)] = problems(text.encode())
    assert line == 3 and problem.code == "csv_nul_byte"


def test_an_empty_file_and_missing_columns_are_codes_with_parameters():
    [(line, empty)] = problems(b"\xef\xbb\xbf  \n")
    assert (line, empty.code) == (1, "csv_empty")
    [(line, missing)] = problems("date;amount\n20.11.2026;5\n")
    assert (line, missing.code) == (1, "csv_missing_columns")
    assert missing.params["missing"] == "kind, name" and missing.params["line"] == 1


def test_row_errors_are_codes_with_their_line_for_the_caller_to_render():
    errors = problems("date,kind,name,amount\n2026-11-20,cost,tools,abc\n"
                      "2026-11-20,metric,ordrs,1\n")
    assert [(line, problem.code) for line, problem in errors] == [
        (2, "amount_invalid"), (3, "unknown_metric")]
    assert all(isinstance(problem, InputError) and problem.params["line"] == line
               for line, problem in errors)


def test_a_date_before_2000_is_an_error_with_its_line():
    errors = problems("date,kind,name,amount\n2026-11-20,cost,tools,5\n1900-01-01,cost,tools,5\n")
    assert [(line, problem.code) for line, problem in errors] == [(3, "date_too_early")]
