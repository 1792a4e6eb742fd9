"""App Home as the ritual's dashboard: 25 KPIs × 13 weeks within Block Kit's limits."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from slack_sdk.models.blocks import Block

from capture.inputs import CostInput, HoursInput, MetricInput
from ritual.workspace_settings import SCALAR_KPIS
from storage.entries import Provenance, add_entry
from storage.models import Digest, Goal, Workspace
from tests.slack_requests import load_payload

TEAM = "T0ACCEPT"
NOW = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)
TITLE = {"de": "Scorecard der letzten 13 Wochen", "en": "Scorecard of the last 13 weeks"}
MISSING = {"de": "Fehlt diese Woche (KW 47)", "en": "Missing this week (W47)"}


def seed(db, lang: str) -> None:
    """13 weeks of numbers (one week left out), 24 goals besides the north star, two digests."""
    with db.session() as session:
        session.add(Workspace(id=TEAM, language=lang, created_at=NOW))
        session.flush()
        origin = Provenance("U0BEN", NOW, "slash")
        for weeks_ago in range(13):
            if weeks_ago == 4:
                continue
            day = date(2026, 11, 18) - timedelta(weeks=weeks_ago)
            for item in (MetricInput("revenue", Decimal(4000 + weeks_ago * 10), day),
                         MetricInput("orders", Decimal(100), day),
                         MetricInput("errors", Decimal(weeks_ago % 5), day, cause="rework"),
                         MetricInput("new_customers", Decimal(9), day),
                         MetricInput("active_customers", Decimal(300), day),
                         CostInput(Decimal(1500), "goods", "variable", None, day),
                         CostInput(Decimal(200), "ads", "acquisition", None, day),
                         HoursInput(Decimal(30), "ops", None, day)):
                add_entry(session, TEAM, item, origin)
        kpis = [k for k in SCALAR_KPIS if k != "contribution_per_customer_month"][:24]
        for number, kpi in enumerate(kpis):
            session.add(Goal(workspace_id=TEAM, kpi=kpi, target=Decimal(number + 1), set_at=NOW))
        for week, ts in (("2026-W45", "1763000000.000100"), ("2026-W46", "1763600000.000100")):
            session.add(Digest(workspace_id=TEAM, week=week, status="posted", claimed_at=NOW,
                               posted_at=NOW, channel="C0KPI", ts=ts))


def texts_of(block: dict) -> list[str]:
    found = []
    if isinstance(block.get("text"), dict):
        found.append(block["text"]["text"])
    found += [field["text"] for field in block.get("fields", [])]
    found += [e["text"] for e in block.get("elements", []) if isinstance(e.get("text"), str)]
    return found


@pytest.mark.parametrize("lang", ["de", "en"])
def test_app_home_shows_25_kpis_by_13_weeks_within_block_kit_limits(bot, lang):
    seed(bot.db, lang)
    bot.slack.event(load_payload("event_app_home_opened"))
    [call] = bot.fake.wait_for("views.publish", timeout=30)
    view = call.args["view"]
    blocks = view["blocks"]
    assert bot.fake.violations == []
    assert view["type"] == "home" and len(blocks) <= 100
    for block in blocks:
        assert Block.parse(block).to_dict() == block
        assert len(block.get("fields", [])) <= 10
        assert all(len(text) <= 3000 for text in texts_of(block))
    rows = [b["text"]["text"] for b in blocks
            if b["type"] == "section" and b["text"]["text"].count(" · ") == 12]
    assert len(rows) == 25
    revenue = next(row for row in rows if row.startswith(("*Umsatz*", "*Revenue*")))
    assert "▫️" in revenue.split(" · ")[8]  # the week left out is a gap, not 0
    assert any("🟢" in row for row in rows) and any("🔴" in row for row in rows)
    shown = "\n".join(t for b in blocks for t in texts_of(b))
    assert TITLE[lang] in shown and MISSING[lang] in shown
    assert "https://test.slack.com/archives/C0KPI/p1763600000000100" in shown
    assert "home_log:cost" in str(blocks)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_kpi_report_t13w_gives_the_same_grid_as_a_message(bot, lang):
    seed(bot.db, lang)
    bot.slack.command("/kpi", "report t13w", response_url=bot.fake.response_url("t13w"))
    [report] = bot.fake.wait_for_response(timeout=30)
    assert len(report["blocks"]) <= 50 and bot.fake.violations == []
    for block in report["blocks"]:
        assert Block.parse(block).to_dict() == block
    assert TITLE[lang] in report["text"]
    assert sum(1 for b in report["blocks"] if b["type"] == "section"
               and b["text"]["text"].count(" · ") == 12) == 25
