"""Recognising an export by its content and reading it into keyed records (files and ZIPs)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from capture.imports.keys import KeyMaker
from capture.imports.profile import Profile
from capture.imports.profiles import (
    banks,
    more_banks,
    paypal,
    shop_more,
    shopify,
    stripe,
    stripe_payments,
    woo_analytics,
)
from capture.imports.profiles.camt import Camt053
from capture.imports.profiles.mt940 import Mt940
from capture.imports.reading import decode
from capture.imports.records import ImportContext, ImportRefused, Parsed, Record, RowError, RowProblem

# Most specific first: a header that carries one profile's names is not read as another's.
PROFILES: tuple[Profile, ...] = (
    stripe.BALANCE_REPORT, stripe.ACTIVITY_EXPORT, stripe_payments.PAYMENTS_EXPORT,
    stripe_payments.PAYMENTS_EXPORT_OLD, paypal.ACTIVITY_DE, paypal.ACTIVITY_EN,
    paypal.STATEMENT_DE, shopify.ORDERS, shop_more.SHOPIFY_PAYMENTS, shop_more.WOOCOMMERCE,
    woo_analytics.ANALYTICS_ORDERS,
    banks.SPARKASSE, banks.DKB, more_banks.DKB_BEFORE_2023, banks.ING, more_banks.COMMERZBANK,
    more_banks.N26_CURRENT, more_banks.N26_ENGLISH, more_banks.N26_GERMAN, more_banks.VOLKSBANK,
    Camt053(), Mt940(),
)
SOURCES = tuple(dict.fromkeys(profile.name for profile in PROFILES))
ZIP_MEMBERS = 500
ZIP_MEMBER_BYTES = 20 * 1024 * 1024
ZIP_TOTAL_BYTES = 100 * 1024 * 1024
ZIP_RATIO = 100
Progress = Callable[[int], None]


def find_profile(text: str, source: str = "auto",
                 extra: tuple[Profile, ...] = ()) -> tuple[Profile, object] | None:
    """The first profile (of `source`, or any; the built-in ones before `extra`, a workspace's
    saved mappings) that recognises the text, with what it found."""
    for profile in PROFILES + extra:
        if source in ("auto", profile.name):
            found = profile.recognise(text)
            if found is not None:
                return profile, found
    return None


def first_line(text: str) -> str:
    """The first non-blank line, shortened: what an unknown layout is named by."""
    line = next((line for line in text.splitlines() if line.strip()), "")
    return line.strip()[:120]


def read_text(text: str, ctx: ImportContext, source: str = "auto", keys: KeyMaker | None = None,
              progress: Progress | None = None, extra: tuple[Profile, ...] = ()) -> Parsed:
    """The export's records with their keys, its skipped rows and its row problems."""
    match = find_profile(text, source, extra)
    if match is None:
        raise ImportRefused("import_unknown_layout", header=first_line(text), source=source)
    profile, found = match
    parsed = Parsed(profile.name, profile.family)
    keys = keys or KeyMaker()
    for line, verdict in profile.records(found, ctx):
        parsed.rows += 1
        if progress is not None and parsed.rows % 1000 == 0:
            progress(parsed.rows)
        if isinstance(verdict, str):
            parsed.skipped[verdict] += 1
        elif isinstance(verdict, RowError):
            parsed.errors.append(RowProblem(line, verdict.code, dict(verdict.params)))
        else:
            for record in verdict if isinstance(verdict, list) else [verdict]:
                _keep(parsed, record, ctx, keys)
    if not parsed.records and parsed.skipped["currency"]:
        raise ImportRefused("import_wrong_currency", expected=ctx.currency,
                            found=parsed.skipped_currency or "?")
    return parsed


def _keep(parsed: Parsed, record: Record, ctx: ImportContext, keys: KeyMaker) -> None:
    if record.currency != ctx.currency:
        parsed.skipped["currency"] += 1
        parsed.skipped_currency = record.currency
        return
    parsed.records.append((keys.key(record), record))


def read_export(data: bytes, ctx: ImportContext, source: str = "auto",
                progress: Progress | None = None, extra: tuple[Profile, ...] = ()) -> Parsed:
    """An export file (CSV, CAMT.053 XML, MT940, or a ZIP of such files of one source)."""
    if data[:4] == b"PK\x03\x04":
        return _read_zip(data, ctx, source, progress)
    return read_text(decode(data), ctx, source, progress=progress, extra=extra)


def _read_zip(data: bytes, ctx: ImportContext, source: str, progress: Progress | None) -> Parsed:
    """Every file of a ZIP (daily CAMT statements), refused whole when it unpacks too far."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, EOFError):
        raise ImportRefused("import_truncated", line=0) from None
    total = sum(info.file_size for info in members)
    if (len(members) > ZIP_MEMBERS or total > ZIP_TOTAL_BYTES
            or any(info.file_size > ZIP_MEMBER_BYTES
                   or info.file_size > ZIP_RATIO * max(info.compress_size, 1) for info in members)):
        raise ImportRefused("import_zip_too_large")
    if not members:
        raise ImportRefused("import_empty")
    keys, merged = KeyMaker(), None
    for info in sorted(members, key=lambda member: member.filename):
        try:
            content = archive.read(info)
        except (zipfile.BadZipFile, EOFError, OSError):
            raise ImportRefused("import_truncated", line=0) from None
        if content[:4] == b"PK\x03\x04":
            raise ImportRefused("import_zip_too_large")
        parsed = read_text(decode(content), ctx, source, keys, progress)
        if merged is None:
            merged = parsed
            continue
        if parsed.source != merged.source:
            raise ImportRefused("import_zip_mixed", first=merged.source, other=parsed.source)
        merged.rows += parsed.rows
        merged.records += parsed.records
        merged.skipped += parsed.skipped
        merged.errors += parsed.errors
    return merged
