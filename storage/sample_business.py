"""A realistic sample micro-business for `northstar demo`: 26 weeks of a small webshop."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from capture.inputs import CostInput, HoursInput, MetricInput, NoteInput
from storage.entries import AnyInput, Provenance, add_entry
from storage.models import Goal, Workspace
from storage.sample_owners import seed_owners_and_pause
from storage.sample_ritual import seed_ritual_history

DEMO_TEAM = "TDEMO"
FOUNDERS = ("U0ANNA", "U0BEN")
SPIKE_WEEKS_AGO = 1
CAFE_ORDERS = 3
FREE_SHIPPING_WEEKS_AGO = 13  # from then on the basket is larger (the confirmed experiment)
REELS_WEEKS_AGO = 5  # from then on a few more clicks (the experiment still too early)
CAFE_CUSTOMER_WEEKS_AGO = 22  # a café orders every day from then on, and nobody notes it: a bend
EXPERIMENTS = {
    REELS_WEEKS_AGO: ("hypothesis", "Reels statt Fotos bringen mehr Klicks kpi:ctr_pct up 10%"),
}
NOTES = {
    24: ("context", "Shop auf das neue Theme umgestellt"),
    20: ("decision", "Zapier bucht jetzt jede Bestellung automatisch in die Buchhaltung"),
    17: ("value", "Newsletter mit Bundle-Angebot: beste Woche des Quartals"),
    13: ("hypothesis", "Versandkostenfrei ab 40 € erhöht den Warenkorb kpi:average_order_value up 5%"),
    12: ("value", "Versandkostenfrei ab 40 €: Warenkorb +9 %"),
    9: ("blocker", "Lieferant verschiebt die Nachlieferung um zwei Wochen"),
    6: ("decision", "Instagram-Budget verdoppelt, um Neukunden zu gewinnen"),
    4: ("context", "Werbekosten je Neukunde steigen"),
    2: ("hypothesis", "Eine Pack-Checkliste halbiert die Nacharbeit kpi:error_rate_per_100 down 50%"),
    1: ("blocker", "Neue Aushilfe im Versand: viele falsche Artikel verschickt"),
}


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def _week_entries(rng: random.Random, monday: date, weeks_ago: int) -> Iterator[AnyInput]:
    """One week of a webshop: orders, revenue, costs, hours, errors, funnel, marketing, visits and
    returns."""
    growth = 1 + (26 - weeks_ago) * 0.012
    ad_push = 1.0 if weeks_ago > 6 else 1.6 + (6 - weeks_ago) * 0.25
    for offset in range(7):
        day = monday + timedelta(days=offset)
        weekend = offset >= 5
        orders = max(0, int(rng.gauss(14 if weekend else 11, 3) * growth))
        orders += CAFE_ORDERS if weeks_ago <= CAFE_CUSTOMER_WEEKS_AGO else 0
        yield MetricInput("orders", Decimal(orders), day, "shop", None)
        basket = rng.uniform(38, 52) * (1.09 if weeks_ago <= FREE_SHIPPING_WEEKS_AGO else 1)
        yield MetricInput("revenue", _money(orders * basket), day, "shop", None)
        yield CostInput(_money(orders * rng.uniform(14, 18)), "goods", "variable", None, day,
                        None, None)
        yield CostInput(_money(orders * 0.6 + rng.uniform(0, 3)), "fees", "variable",
                        "Stripe", day, None, None)
        yield CostInput(_money(orders * rng.uniform(3.5, 4.5)), "shipping", "variable",
                        "DHL", day, None, None)
        yield CostInput(_money(rng.uniform(18, 26) * ad_push), "ads", "acquisition",
                        "Instagram", day, "instagram", None)
        errors = int(rng.random() < 0.5)
        if weeks_ago == SPIKE_WEEKS_AGO:
            errors += rng.randint(2, 4)
        if errors:
            cause = "rework" if weeks_ago == SPIKE_WEEKS_AGO else rng.choice(
                ("rework", "inquiry", "return", "cancellation"))
            yield MetricInput("errors", Decimal(errors), day, None, cause)
    leads = int(rng.gauss(40, 6) * growth * (1 + (ad_push - 1) * 0.2))
    yield MetricInput("leads", Decimal(leads), monday, "instagram", None)
    yield MetricInput("qualified_leads", Decimal(int(leads * 0.35)), monday, "instagram", None)
    new_customers = max(1, int(rng.gauss(9, 2) * growth / (1 + (ad_push - 1) * 0.6)))
    yield MetricInput("new_customers", Decimal(new_customers), monday, "instagram", None)
    yield MetricInput("churned_customers", Decimal(rng.randint(2, 5)), monday, None, None)
    yield MetricInput("active_customers", Decimal(int(300 * growth)), monday + timedelta(days=6),
                      None, None)
    yield MetricInput("repeat_orders", Decimal(int(rng.gauss(22, 4) * growth)), monday, None, None)
    yield MetricInput("tickets", Decimal(rng.randint(6, 12)), monday, None, None)
    yield MetricInput("impressions", Decimal(rng.randint(9000, 14000)), monday, "instagram", None)
    reels = 1.15 if weeks_ago <= REELS_WEEKS_AGO else 1
    yield MetricInput("clicks", Decimal(int(rng.randint(250, 420) * reels)), monday, "instagram", None)
    yield MetricInput("sent", Decimal(1200), monday + timedelta(days=1), "newsletter", None)
    yield MetricInput("responses", Decimal(rng.randint(40, 90)), monday + timedelta(days=1),
                      "newsletter", None)
    shop = random.Random(monday.toordinal())  # own draws: the rest of the week stays as it was
    yield MetricInput("sessions", Decimal(int(shop.gauss(3300, 250) * growth * reels)), monday,
                      "shop", None)
    yield MetricInput("returns", Decimal(shop.randint(2, 6)), monday + timedelta(days=3), None,
                      None)
    for minutes in (rng.randint(20, 240) for _ in range(5)):
        yield MetricInput("first_response_minutes", Decimal(minutes), monday, None, None)
    for activity, mean in (("support", 6), ("ops", 9), ("marketing", 4), ("sales", 2),
                           ("product", 3), ("admin", 2), ("automation", 1.5)):
        yield HoursInput(_money(max(0.5, rng.gauss(mean, mean * 0.2))), activity, None, monday,
                         "instagram" if activity == "marketing" else None)


def _recurring(monday: date) -> Iterator[AnyInput]:
    if monday.day <= 7:
        first = monday.replace(day=1)
        yield CostInput(Decimal("49.90"), "tools", "fixed", "Zapier", first, None, "month")
        yield CostInput(Decimal("39.00"), "software", "fixed", "Shopify", first, None, "month")
        yield CostInput(Decimal("450.00"), "rent", "fixed", "Lager", first, None, "month")


def seed_sample_business(session: Session, today: date, now: datetime) -> Workspace:
    """Create the demo workspace with 26 weeks of history ending with last week."""
    rng = random.Random(47)
    workspace = Workspace(
        id=DEMO_TEAM, name="Kaffeerösterei Nordstern (demo)", timezone="Europe/Berlin",
        language="de", currency="EUR", hourly_rate=Decimal(45), kpi_channel="C0KPI",
        digest_weekday=0, digest_time="09:00", north_star="contribution_per_customer_month",
        payback_ceiling=Decimal(12), capital=Decimal(60000), equity=Decimal(25000),
        comment_weight=Decimal(5), created_at=now,
    )
    session.add(workspace)
    session.flush()
    this_monday = today - timedelta(days=today.weekday())
    start = this_monday - timedelta(weeks=26)
    for weeks_ago in range(26, 0, -1):
        monday = this_monday - timedelta(weeks=weeks_ago)
        author = FOUNDERS[weeks_ago % 2]
        entered = datetime.combine(monday + timedelta(days=6), time(18),
                                   ZoneInfo("Europe/Berlin"))
        origin = Provenance(entered_by=author, entered_at=entered, source="import")
        inputs = [*_recurring(monday), *_week_entries(rng, monday, weeks_ago)]
        for notes in (NOTES, EXPERIMENTS):
            if weeks_ago in notes:
                kind, text = notes[weeks_ago]
                inputs.append(NoteInput(text, monday + timedelta(days=2), kind))
        for item in inputs:
            if isinstance(item, CostInput) and item.occurred_on < start:
                continue
            add_entry(session, workspace.id, item, origin)
    yearly = CostInput(Decimal("240.00"), "software", "fixed", "Buchhaltung (Jahresabo)",
                       start, None, "year")
    add_entry(session, workspace.id, yearly, Provenance(FOUNDERS[0], now, "import"))
    for kpi, target in (("error_rate_per_100", "3"), ("payback_months", "6"),
                        ("gross_margin_pct", "45"), ("revenue", "4000")):
        session.add(Goal(workspace_id=workspace.id, kpi=kpi, target=Decimal(target),
                         set_by=FOUNDERS[0], set_at=now))
    seed_ritual_history(session, workspace, this_monday, FOUNDERS[1], now)
    seed_owners_and_pause(session, workspace.id, this_monday, now)
    return workspace
