"""Whether a note names a KPI: `kpi:KEY`, or the KPI's words in German or English."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from capture.hypothesis import KPI_ALIASES
from capture.vocabulary import METRIC_ALIASES

# The beginnings of the words that name a KPI (German compounds: "Umsatzplus" names revenue).
KPI_WORDS: dict[str, tuple[str, ...]] = {
    "revenue": ("umsatz", "umsätze", "erlös", "revenue"),
    "error_rate_per_100": ("fehler", "falsch", "nacharbeit", "reklamation", "retoure",
                           "error", "mistake", "wrong", "rework", "complaint"),
    "contribution_per_customer_month": ("deckungsbeitrag", "contribution"),
    "contribution_margin": ("deckungsbeitrag", "contribution"),
    "average_order_value": ("bestellwert", "warenkorb", "order value", "basket"),
    "gross_margin_pct": ("bruttomarge", "marge", "margin"),
    "cac": ("kundengewinnungskosten", "akquise", "acquisition cost", "werbekosten", "cac"),
    "payback_months": ("payback", "amortisation"),
    "hours": ("stunden", "hours"),
    "profit": ("gewinn", "profit"),
    "profit_after_time": ("gewinn", "profit"),
}
KPI_OPTION = re.compile(r"(?:kpi|kennzahl):(\S+)", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def words_of(kpi: str) -> tuple[str, ...]:
    """The word beginnings that name the KPI: its own words, its German aliases, its key."""
    aliases = [word for word, key in {**METRIC_ALIASES, **KPI_ALIASES}.items() if key == kpi]
    return (*KPI_WORDS.get(kpi, ()), *aliases, kpi.replace("_", " "))


def _named_key(name: str) -> str:
    name = name.lower().rstrip(",.;:!?)")
    return KPI_ALIASES.get(name, name)


def names_kpi(text: str, kpi: str, extra: Iterable[str] = ()) -> bool:
    """True when the note names the KPI by `kpi:KEY` or by one of its (or `extra`) words."""
    options = [_named_key(name) for name in KPI_OPTION.findall(text or "")]
    if kpi in options:
        return True
    plain = KPI_OPTION.sub(" ", (text or "").lower())
    tokens = WORD.findall(plain)
    for word in (*words_of(kpi), *(w.lower() for w in extra if w)):
        if " " in word:
            if word in plain:
                return True
        elif any(token.startswith(word) for token in tokens):
            return True
    return False


def naming(kpi: str, extra: Iterable[str] = ()) -> Callable[[str], bool]:
    """A test of note texts for `names_kpi` with the KPI (and extra words, e.g. error causes)."""
    words = tuple(extra)
    return lambda text: names_kpi(text, kpi, words)
