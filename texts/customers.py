"""Texts of customers and cohorts derived from orders."""

from __future__ import annotations

CUSTOMER_TEXTS: dict[str, dict[str, str]] = {
    "customers.ltv_disagree": {
        "de": "Die Kohorten haben nach {months} Monaten {realised} {basis} je Kunde gebracht; die LTV-Formel (Deckungsbeitrag je Kunde und Monat ÷ Abwanderung) erwartet dafür {expected} – mehr als ein Drittel Abstand, die Formel ist hier mit Vorsicht zu lesen.",
        "en": "The cohorts brought {realised} of {basis} per customer in {months} months; the LTV formula (contribution per customer month ÷ churn) expects {expected} for that – more than a third apart, so read the formula with care."},
    "customers.basis.revenue": {"de": "Umsatz", "en": "revenue"},
    "customers.basis.contribution": {"de": "Deckungsbeitrag", "en": "contribution"},
    "customers.without_customer": {
        "de": "Bestellungen ohne Kundenangabe: {count} – als Bestellungen gezählt, nicht als Kunden.",
        "en": "Orders naming no customer: {count} – counted as orders, not as customers."},
    "customers.return_better": {
        "de": "Die Neukunden aus {month} haben im Folgemonat öfter wieder bestellt: {value} % statt {mean} % im Schnitt der {count} Kohorten davor.",
        "en": "New customers of {month} ordered again in the following month more often: {value} % against {mean} % on average in the {count} cohorts before."},
    "customers.return_worse": {
        "de": "Die Neukunden aus {month} haben im Folgemonat seltener wieder bestellt: {value} % statt {mean} % im Schnitt der {count} Kohorten davor.",
        "en": "New customers of {month} ordered again in the following month less often: {value} % against {mean} % on average in the {count} cohorts before."},
    "customers.home_repeat": {
        "de": "Wiederkauf (Anteil mit zweiter Bestellung) der letzten Kohorten: {cohorts}",
        "en": "Repeat purchases (share with a second order) of the last cohorts: {cohorts}"},
    "customers.chart_title": {
        "de": "Kohorten: Anteil in % mit Bestellung im Monat n nach der ersten",
        "en": "Cohorts: % ordering in month n after their first"},
    "customers.chart_x": {"de": "Monate seit der ersten Bestellung",
                          "en": "Months since the first order"},
    "customers.chart_y": {"de": "Monat der ersten Bestellung (Kunden)",
                          "en": "Month of first order (customers)"},
    "customers.chart_comment": {
        "de": "Kohorten nach Monat der ersten Bestellung", "en": "Cohorts by month of first order"},
}
