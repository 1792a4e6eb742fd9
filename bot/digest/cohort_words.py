"""Customers and cohorts in words: the LTV sentence, the month-1 return line, App Home's line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from babel.dates import format_date

from metrics.cohort_ltv import LtvCheck
from metrics.cohort_report import CustomerReport
from metrics.cohorts import Cohort
from texts import t
from texts.describe import LOCALES, money, number

if TYPE_CHECKING:
    from ritual.digest_data import DigestData

HOME_COHORTS = 3


def month_name(month: str, lang: str, short: bool = False) -> str:
    """'2026-10' → 'Oktober 2026' (German) or 'Oct 26' (short, English)."""
    year, number_of = map(int, month.split("-"))
    pattern = "MMM yy" if short else "MMMM yyyy"
    return format_date(date(year, number_of, 1), pattern, locale=LOCALES.get(lang, "en_US"))


def ltv_sentence(check: LtvCheck | None, lang: str, currency: str) -> str | None:
    """The sentence said when realised and formula LTV are more than a third apart."""
    if check is None or not check.disagree:
        return None
    return t("customers.ltv_disagree", lang, months=check.months,
             realised=money(check.realised, lang, currency),
             expected=money(check.expected.quantize(Decimal("0.01")), lang, currency),
             basis=t(f"customers.basis.{check.basis}", lang))


def without_customer_line(count: int, lang: str) -> str | None:
    return t("customers.without_customer", lang, count=count) if count else None


def return_line(customers: CustomerReport, lang: str) -> str | None:
    """One plain line when the newest complete cohort returns better or worse than before."""
    if customers.newest_return is None:
        return None
    cohort, mean, count = customers.newest_return
    key = "customers.return_better" if cohort.retention_pct[1] > mean else "customers.return_worse"
    return t(key, lang, month=month_name(cohort.month, lang), count=count,
             value=number(Decimal(str(cohort.retention_pct[1])), lang),
             mean=number(Decimal(str(mean)), lang))


def home_repeat_line(cohorts: list[Cohort], lang: str) -> str | None:
    """The repeat-purchase rate of the last cohorts that had a whole month after their first,
    for App Home."""
    grown = [cohort for cohort in cohorts if len(cohort.retention_pct) > 1]
    if not grown:
        return None
    items = " · ".join(f"{month_name(c.month, lang, short=True)} "
                       f"{number(Decimal(str(c.repeat_pct)), lang)} %"
                       for c in grown[-HOME_COHORTS:])
    return t("customers.home_repeat", lang, cohorts=items)


def customers_json(customers: CustomerReport, lang: str, currency: str) -> dict:
    """`customers` of `northstar report --json`, with its sentences."""
    entry = customers.to_json_dict()
    entry["notes"] = [line for line in (
        without_customer_line(customers.without_customer, lang),
        ltv_sentence(customers.ltv, lang, currency), return_line(customers, lang)) if line]
    return entry


def cohort_line(data: DigestData) -> str | None:
    """The channel message's line about the newest complete cohort, in the first digest of a
    month (when it returns better or worse than the cohorts before)."""
    return return_line(data.customers, data.lang) if data.monthly else None
