"""KPI names and values as people read them, in German and English (Babel)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from babel.numbers import format_currency, format_decimal

from texts.describe import LOCALES
from texts.words import word, words

# KPIs whose values name causes or activities (channels are the workspace's own words)
NAMED_KPIS = frozenset({"errors_by_cause", "top_error_cause", "hours_by_activity"})
NA = {"de": "k. A.", "en": "n/a"}

CURRENCY_KPIS = frozenset({
    "revenue", "costs_total", "costs_acquisition", "costs_variable", "costs_fixed", "time_cost",
    "contribution_margin", "profit", "profit_after_time", "revenue_per_hour", "profit_per_hour",
    "cac", "arpa_month", "contribution_per_customer_month", "ltv", "cost_per_lead",
    "cost_per_qualified_lead", "average_order_value",
})
UNIT_SUFFIX = {
    "hours": {"de": " h", "en": " h"},
    "payback_months": {"de": " Mon.", "en": " mo"},
    "first_response_minutes_median": {"de": " min", "en": " min"},
    "own_minutes": {"de": " min", "en": " min"},
    "lead_to_order_days_median": {"de": " Tage", "en": " days"},
    "order_to_delivery_days_median": {"de": " Tage", "en": " days"},
    "ltv_cac_ratio": {"de": " : 1", "en": " : 1"},
    "error_rate_per_100": {"de": " je 100", "en": " per 100"},
    "tickets_per_100": {"de": " je 100", "en": " per 100"},
}

LABELS: dict[str, tuple[str, str]] = {
    "revenue": ("Umsatz", "Revenue"),
    "average_order_value": ("Ø Bestellwert", "Average order value"),
    "costs_total": ("Kosten gesamt", "Total costs"),
    "costs_acquisition": ("Akquisekosten", "Acquisition costs"),
    "costs_variable": ("Variable Kosten", "Variable costs"),
    "costs_fixed": ("Fixkosten", "Fixed costs"),
    "hours": ("Stunden", "Hours"),
    "time_cost": ("Zeitkosten", "Time cost"),
    "contribution_margin": ("Deckungsbeitrag", "Contribution margin"),
    "gross_margin_pct": ("Bruttomarge", "Gross margin"),
    "profit": ("Gewinn", "Profit"),
    "profit_after_time": ("Gewinn nach Zeit", "Profit after time"),
    "roi_pct": ("ROI", "ROI"),
    "roi_incl_time_pct": ("ROI inkl. Zeit", "ROI incl. time"),
    "roi_by_channel": ("ROI je Kanal", "ROI by channel"),
    "return_on_sales_pct": ("Umsatzrendite", "Return on sales"),
    "dupont_roi_pct": ("ROI (DuPont)", "ROI (DuPont)"),
    "return_on_equity_pct": ("Eigenkapitalrendite", "Return on equity"),
    "revenue_per_hour": ("Umsatz je Stunde", "Revenue per hour"),
    "profit_per_hour": ("Gewinn je Stunde", "Profit per hour"),
    "cac": ("Kundengewinnungskosten (CAC)", "Customer acquisition cost"),
    "arpa_month": ("Umsatz je Kunde/Monat", "Revenue per customer/month"),
    "contribution_per_customer_month": ("Deckungsbeitrag je Kunde/Monat",
                                        "Contribution per customer/month"),
    "churn_rate_month_pct": ("Abwanderung/Monat", "Churn per month"),
    "ltv": ("Kundenwert (LTV)", "Lifetime value"),
    "ltv_cac_ratio": ("LTV : CAC", "LTV : CAC"),
    "payback_months": ("Amortisation (Payback)", "Payback"),
    "lead_to_customer_pct": ("Lead → Kunde", "Lead → customer"),
    "repurchase_rate_pct": ("Wiederkaufrate", "Repurchase rate"),
    "retention_m1_pct": ("Kohorten: Wiederkauf im 1. Monat", "Cohorts: month-1 retention"),
    "activation_rate_pct": ("Aktivierungsrate", "Activation rate"),
    "cost_per_lead": ("Kosten je Lead", "Cost per lead"),
    "cost_per_qualified_lead": ("Kosten je qualif. Lead", "Cost per qualified lead"),
    "error_rate_per_100": ("Fehlerquote", "Error rate"),
    "errors_by_cause": ("Fehler nach Ursache", "Errors by cause"),
    "top_error_cause": ("Häufigste Fehlerursache", "Top error cause"),
    "tickets_per_100": ("Tickets", "Tickets"),
    "first_response_minutes_median": ("Erste Antwort (Median)", "First response (median)"),
    "lead_to_order_days_median": ("Lead → Auftrag (Median)", "Lead → order (median)"),
    "order_to_delivery_days_median": ("Auftrag → Lieferung (Median)",
                                      "Order → delivery (median)"),
    "on_time_delivery_pct": ("Pünktliche Lieferungen", "On-time deliveries"),
    "hours_by_activity": ("Stunden nach Tätigkeit", "Hours by activity"),
    "ctr_pct": ("Klickrate (CTR)", "Click-through rate"),
    "engagement_rate_pct": ("Engagement-Rate", "Engagement rate"),
    "response_rate_pct": ("Antwortquote", "Response rate"),
    "conversion_rate_pct": ("Konversionsrate", "Conversion rate"),
    "return_rate_pct": ("Retourenquote", "Return rate"),
}

INPUT_LABELS: dict[str, tuple[str, str]] = {
    "revenue": ("Umsatz", "revenue"), "orders": ("Bestellungen", "orders"),
    "costs": ("Kosten", "costs"), "hours": ("Stunden", "hours"),
    "errors": ("Fehler", "errors"), "new_customers": ("Neukunden", "new customers"),
    "active_customers": ("aktive Kunden", "active customers"), "leads": ("Leads", "leads"),
    "sessions": ("Sitzungen", "sessions"), "returns": ("Retouren", "returns"),
}


# How a workspace's own metric is shown, by its unit: formatted like this built-in key.
OWN_UNIT_FORMATS = {"money": "revenue", "percent": "own_pct", "minutes": "own_minutes",
                    "count": "own_count"}
Own = Mapping[str, tuple[str, str]]  # own metric key -> (label, unit)


def label(kpi: str, lang: str, own: Own | None = None) -> str:
    """The KPI's name; a workspace's own metric goes by the label it was given."""
    if own and kpi in own:
        return own[kpi][0]
    de, en = LABELS.get(kpi, (kpi, kpi))
    return de if lang == "de" else en


def input_label(name: str, lang: str) -> str:
    de, en = INPUT_LABELS.get(name, (word(name, "de"), name.replace("_", " ")))
    return de if lang == "de" else en


def format_value(kpi: str, value: Decimal | float | str | dict | None, lang: str,
                 currency: str, own: Own | None = None) -> str:
    """A KPI value for display: currency, percent or with its unit (an own metric's by the unit
    it was given); None is 'n/a'."""
    if own and kpi in own:
        kpi = OWN_UNIT_FORMATS.get(own[kpi][1], kpi)
    locale = LOCALES.get(lang, "en_US")
    if value is None or (isinstance(value, float) and value != value):
        return NA.get(lang, "n/a")
    if isinstance(value, str):
        return word(value, lang) if kpi in NAMED_KPIS else value
    if isinstance(value, dict):
        named = kpi in NAMED_KPIS
        return ", ".join(f"{word(name, lang) if named else name}: "
                         f"{format_value(kpi, v, lang, currency)}" for name, v in value.items())
    number = Decimal(str(value))
    if kpi in CURRENCY_KPIS:
        digits = "#,##0" if abs(number) >= 1000 else "#,##0.00"
        return format_currency(number, currency, format=f"¤{digits}" if lang == "en" else
                               f"{digits}\u00a0¤", locale=locale, currency_digits=False)
    if kpi.endswith("_pct"):
        return format_decimal(number, format="#,##0.0", locale=locale) + "\u00a0%"
    text = format_decimal(number, format="#,##0.#", locale=locale)
    return text + UNIT_SUFFIX.get(kpi, {}).get(lang, "")


WORD_PARAMS = frozenset({"cause", "suggestion", "activity", "metric", "category"})
WHOLE_NUMBER_PARAMS = frozenset({"ceiling", "above_pct"})


def localise(key: str, value: object, lang: str) -> object:
    """A reason's parameter as people read it: numbers in the language's notation,
    probabilities with four places, input names translated."""
    locale = LOCALES.get(lang, "en_US")
    if key == "what" and isinstance(value, str):
        return input_label(value, lang) if lang == "de" else value.replace("_", " ")
    if key in WORD_PARAMS and isinstance(value, str):
        return word(value, lang)
    if isinstance(value, tuple | list | frozenset):
        return words(value, lang)
    if isinstance(value, bool) or not isinstance(value, float | Decimal):
        return value
    if key == "probability":
        return "< " + format_decimal(0.0001, format="0.0000", locale=locale) if value < 0.0001 \
            else format_decimal(value, format="0.0000", locale=locale)
    if key == "alpha":
        return format_decimal(value, format="0.#####", locale=locale)
    digits = "" if key in WHOLE_NUMBER_PARAMS else ".0"
    return format_decimal(value, format="#,##0" + digits, locale=locale)
