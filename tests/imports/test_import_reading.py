"""Files that cannot be read are refused whole, with a code; encodings and ZIPs are handled."""

from __future__ import annotations

import io
import zipfile
from zoneinfo import ZoneInfo

import pytest

from capture.imports.detect import find_profile, read_export
from capture.imports.reading import decode
from capture.imports.records import ImportContext, ImportRefused
from tests.imports.exports import BERLIN_EUR, FIXTURES, fixture_text_of, read_fixture


def _refusal(data: bytes, ctx: ImportContext = BERLIN_EUR) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        read_export(data, ctx)
    return caught.value


def test_utf8_with_and_without_bom_and_windows_1252_decode_alike():
    assert decode("Café".encode("utf-8-sig")) == "Café"
    assert decode("Café".encode()) == "Café"
    assert decode("Café".encode("cp1252")) == "Café"


def test_an_xml_with_entity_definitions_is_refused():
    assert _refusal((FIXTURES / "camt053_entities.xml").read_bytes()).code == "import_unsafe_xml"


def test_binary_files_are_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    assert _refusal(png).code == "import_binary"


def test_a_csv_cut_off_inside_its_last_row_is_refused_as_truncated():
    data = (FIXTURES / "stripe_balance.csv").read_bytes()
    cut = data[: data.rindex(b"payout")]
    refusal = _refusal(cut)
    assert (refusal.code, refusal.params["line"]) == ("import_truncated", 6)


def test_a_camt_file_cut_off_is_refused_as_truncated():
    data = (FIXTURES / "camt053_v02.xml").read_bytes()
    assert _refusal(data[: len(data) // 2]).code == "import_truncated"


def test_an_unknown_layout_is_refused_with_its_first_line():
    refusal = _refusal(b"Datum;Betrag;Text\n01.03.2026;12,00;Kaffee\n")
    assert refusal.code == "import_unknown_layout"
    assert refusal.params["header"] == "Datum;Betrag;Text"


def test_recognised_by_the_header_never_by_the_name():
    text = fixture_text_of("paypal_de.csv")
    assert find_profile(text)[0].name == "paypal"
    assert find_profile(text, "stripe") is None


def test_a_file_wholly_in_another_currency_is_refused():
    refusal = _refusal((FIXTURES / "stripe_balance.csv").read_bytes(),
                       ImportContext(ZoneInfo("Europe/Zurich"), "CHF"))
    assert (refusal.code, refusal.params) == ("import_wrong_currency",
                                              {"expected": "CHF", "found": "EUR"})


def test_a_row_with_a_bad_amount_is_listed_and_the_others_are_read():
    text = fixture_text_of("stripe_balance.csv").replace("49.00,0.99", "4x9,0.99")
    parsed = read_export(text.encode(), BERLIN_EUR)
    assert [(p.line, p.code) for p in parsed.errors] == [(2, "import_amount_invalid")]
    assert len(parsed.records) == 4


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_zip_of_daily_camt_files_reads_them_all():
    data = _zip({name: (FIXTURES / name).read_bytes()
                 for name in ("camt053_v02.xml", "camt053_v08.xml")})
    parsed = read_export(data, BERLIN_EUR)
    single = [read_fixture(name) for name in ("camt053_v02.xml", "camt053_v08.xml")]
    assert parsed.source == "camt053"
    assert parsed.records == single[0].records + single[1].records
    assert parsed.skipped == {"pending": 2}


def test_a_zip_that_unpacks_far_beyond_its_size_is_refused():
    assert _refusal(_zip({"bomb.xml": b"<" + b" " * 5_000_000})).code == "import_zip_too_large"


def test_a_zip_mixing_sources_is_refused():
    data = _zip({name: (FIXTURES / name).read_bytes() for name in ("camt053_v02.xml", "mt940.sta")})
    assert _refusal(data).code == "import_zip_mixed"


def test_a_text_file_with_a_stray_nul_byte_is_refused_naming_its_line():
    refusal = _refusal(b"date;kind;name;amount\n20.11.2026;cost;tools;4\x009\n")
    assert refusal.code == "import_nul_byte" and refusal.params == {"line": 2}
