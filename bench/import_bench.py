"""Importing a big bank export: 100,000 Sparkasse CSV-CAMT lines, previewed and imported.

    .venv/bin/python -m bench.import_bench [LINES] [DATABASE_URL]
Prints the preview (dry run) and import times, a second import of the same file (all
duplicates), and the process's peak memory growth. SQLite in a temporary folder by default.
Targets: preview ≤ 3 s, import ≤ 10 s, memory growth ≤ 150 MB.
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ritual.deps import Deps
from ritual.file_import import ImportRequest, ImportSummary, import_file
from storage.db import Database

HEADER = ('"Auftragskonto";"Buchungstag";"Valutadatum";"Buchungstext";"Verwendungszweck";'
          '"Glaeubiger ID";"Mandatsreferenz";"Kundenreferenz (End-to-End)";"Sammlerreferenz";'
          '"Lastschrift Ursprungsbetrag";"Auslagenersatz Ruecklastschrift";'
          '"Beguenstigter/Zahlungspflichtiger";"Kontonummer/IBAN";"BIC (SWIFT-Code)";"Betrag";'
          '"Waehrung";"Info"')
PARTIES = ["Hoster GmbH", "Café Ecke", "Druckerei Beispiel GmbH", "Kunde GmbH", "Stripe Payments",
           "Telefonica", "Büro Miete KG", "Lieferant AG"]


def bank_file(lines: int, seed: int = 7) -> bytes:
    """A Sparkasse export of `lines` bookings over two years (Windows-1252, like the bank's)."""
    chance = random.Random(seed)
    start = date(2025, 1, 1)
    rows = [HEADER]
    for number in range(lines):
        day = start + timedelta(days=number * 730 // lines)
        cents = chance.randint(-50_000, 80_000) or 1
        amount = f"{cents / 100:.2f}".replace(".", ",")
        party = chance.choice(PARTIES)
        rows.append(f'"DE12500105170648489890";"{day:%d.%m.%y}";"{day:%d.%m.%y}";"UEBERWEISUNG";'
                    f'"Rechnung {number}";"";"";"";"";"";"";"{party}";"DE02120300000000202051";'
                    f'"BYLADEM1001";"{amount}";"EUR";"Umsatz gebucht"')
    return ("\r\n".join(rows) + "\r\n").encode("cp1252")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(deps: Deps, data: bytes, dry_run: bool) -> tuple[str, ImportSummary]:
    """Wall and CPU seconds of one import (the CPU time shows what a busy host hides)."""
    start, cpu = time.perf_counter(), time.process_time()
    outcome = import_file(deps, ImportRequest("TBENCH", data, "bench.csv", dry_run=dry_run))
    assert isinstance(outcome, ImportSummary), outcome
    return (f"{time.perf_counter() - start:.2f} s wall, {time.process_time() - cpu:.2f} s CPU",
            outcome)


def main(lines: int = 100_000, url: str | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(url or f"sqlite:///{Path(folder) / 'bench.db'}")
        db.upgrade()
        deps = Deps(db=db, clock=lambda: datetime(2027, 1, 4, tzinfo=UTC))
        data = bank_file(lines)
        before = _peak_mb()
        preview, shown = _timed(deps, data, dry_run=True)
        stored, done = _timed(deps, data, dry_run=False)
        again, repeated = _timed(deps, data, dry_run=False)
        growth = _peak_mb() - before
        print(f"{lines:,} bank lines ({len(data) / 1e6:.1f} MB) on {db.engine.dialect.name}")
        print(f"preview (dry run): {preview}, {shown.new:,} new  [target ≤ 3 s]")
        print(f"import:            {stored}, {done.new:,} stored  [target ≤ 10 s]")
        print(f"same file again:   {again}, {repeated.new} new, {repeated.duplicate:,} known")
        print(f"peak memory growth: {growth:.0f} MB  [target ≤ 150 MB]")
        db.dispose()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000,
         sys.argv[2] if len(sys.argv) > 2 else None)
