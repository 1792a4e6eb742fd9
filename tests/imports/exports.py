"""Reading the export files of tests/fixtures/imports in a Berlin workspace that counts in EUR."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from capture.imports.detect import read_export
from capture.imports.records import ImportContext, Parsed

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
BERLIN_EUR = ImportContext(ZoneInfo("Europe/Berlin"), "EUR")


def read_fixture(name: str, ctx: ImportContext = BERLIN_EUR) -> Parsed:
    return read_export((FIXTURES / name).read_bytes(), ctx)


def fixture_text_of(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8-sig")


def read_text_fixture(text: str, ctx: ImportContext = BERLIN_EUR) -> Parsed:
    return read_export(text.encode("utf-8"), ctx)
