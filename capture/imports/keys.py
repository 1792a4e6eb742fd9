"""Row keys: the source's own id, else a content hash with its occurrence number in the file.

Two identical lines in one file (two coffees on one day) are two rows (`…:1`, `…:2`); a later
export that holds them again gives the same keys, so only what is new gets stored.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from capture.imports.cells import plain
from capture.imports.records import Record


def content_digest(record: Record) -> str:
    """A hash of account, date, signed amount, currency, counterparty and purpose."""
    parts = (record.account, record.occurred_on.isoformat(), f"{record.amount:.2f}",
             record.currency, plain(record.counterparty).casefold(),
             plain(record.purpose).casefold(), record.kind)
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


class KeyMaker:
    """Gives each record of one file its key, counting identical contents as it goes."""

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()

    def key(self, record: Record) -> str:
        if record.source_id:
            return f"id:{record.source_id}"[:200]
        digest = content_digest(record)
        self.seen[digest] += 1
        return f"c:{digest}:{self.seen[digest]}"
