"""One line that restates a stored entry, in the workspace language (Babel)."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from capture.inputs import CostInput, HoursInput, MetricInput, NoteInput
from capture.note_text import shown_text
from texts.words import word

LOCALES = {"de": "de_DE", "en": "en_US"}
CLASS_NAMES = {"de": {"acquisition": "Akquise", "variable": "variabel", "fixed": "fix"},
               "en": {"acquisition": "acquisition", "variable": "variable", "fixed": "fixed"}}
EVERY_NAMES = {"de": {"month": "monatlich", "year": "jährlich"},
               "en": {"month": "monthly", "year": "yearly"}}
NOTE_NAMES = {"de": {"context": "Notiz", "value": "Wert", "blocker": "Blocker",
                     "hypothesis": "Hypothese", "decision": "Entscheidung"},
              "en": {"context": "Note", "value": "Value", "blocker": "Blocker",
                     "hypothesis": "Hypothesis", "decision": "Decision"}}
CAUSE_LABEL = {"de": "Ursache", "en": "cause"}
DATE_FORMAT = {"de": "EEE, d.M.", "en": "EEE, MMM d"}
MAX_NOTE_SHOWN = 120


def _locale(lang: str) -> str:
    return LOCALES.get(lang, "en_US")


@lru_cache(maxsize=4096)  # amounts and days repeat; Babel parses its pattern on every call
def money(amount: Decimal, lang: str, currency: str) -> str:
    return format_currency(amount, currency, locale=_locale(lang))


def number(value: Decimal, lang: str) -> str:
    return format_decimal(value, format="#,##0.##", locale=_locale(lang))


@lru_cache(maxsize=1024)
def day(value, lang: str) -> str:
    return format_date(value, DATE_FORMAT.get(lang, DATE_FORMAT["en"]), locale=_locale(lang))


def describe(entry, lang: str, currency: str, note_number: int | None = None) -> str:
    """E.g. '49,90 € · Tools (fix) · Zapier · Fr., 20.11.'; a note with its number ('Notiz 3: …')
    and without the experiment syntax."""
    lang = lang if lang in LOCALES else "en"
    parts: list[str]
    if isinstance(entry, CostInput):
        category = word(entry.category, lang)
        parts = [money(entry.amount, lang, currency),
                 f"{category[:1].upper() + category[1:]} ({CLASS_NAMES[lang][entry.cost_class]})"]
        if entry.every:
            parts.append(EVERY_NAMES[lang][entry.every])
        parts += [p for p in (entry.description, entry.channel and f"#{entry.channel}") if p]
    elif isinstance(entry, HoursInput):
        parts = [f"{number(entry.hours, lang)} h", word(entry.activity, lang)]
        parts += [p for p in (entry.description, entry.channel and f"#{entry.channel}") if p]
    elif isinstance(entry, MetricInput):
        value = (money(entry.value, lang, currency) if entry.metric == "revenue"
                 else number(entry.value, lang))
        parts = [f"{word(entry.metric, lang)} {value}"]
        parts += [p for p in (entry.channel and f"#{entry.channel}",
                              entry.cause and f"{CAUSE_LABEL[lang]}: {word(entry.cause, lang)}",
                              entry.description) if p]
    elif isinstance(entry, NoteInput):
        text = shown_text(entry.text)
        text = text if len(text) <= MAX_NOTE_SHOWN else text[:MAX_NOTE_SHOWN] + "…"
        name = NOTE_NAMES[lang].get(entry.kind, entry.kind)
        parts = [f"{name} {note_number}: {text}" if note_number else f"{name}: {text}"]
    else:
        raise TypeError(type(entry))
    parts.append(day(entry.occurred_on, lang))
    return " · ".join(parts)
