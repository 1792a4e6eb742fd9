"""The seeds' examples typed as slash commands give KPIS.md's values in `northstar report --json`."""

from __future__ import annotations

import json

from cli.main import main


def report(bot, capsys, monkeypatch, week: str = "2026-W47") -> dict:
    monkeypatch.setenv("DATABASE_URL", bot.db.url)
    assert main(["report", "--week", week, "--json", "--team", "T0ACCEPT"]) == 0
    return json.loads(capsys.readouterr().out)


def test_funnel_of_seed_003_through_slash_commands(bot, capsys, monkeypatch):
    bot.slack.command("/cost", "79.971 ads Kampagne date:18.11.")
    for text in ("leads 437", "qualified_leads 138", "new_customers 67"):
        bot.slack.command("/kpi", f"record {text} date:18.11.")
    kpis = report(bot, capsys, monkeypatch)["kpis"]
    assert kpis["cost_per_lead"]["value"] == "183.00"
    assert kpis["cost_per_qualified_lead"]["value"] == "579.50"
    assert kpis["cac"]["value"] == "1193.60"
    assert kpis["lead_to_customer_pct"]["value"] == "15.33"


def test_free_marketing_through_slash_commands(bot, capsys, monkeypatch):
    bot.slack.command("/kpi", "settings hourly_rate 50")
    bot.slack.command("/kpi", "record revenue 1.000 date:gestern")
    bot.slack.command("/hours", "1h marketing Instagram-Post date:gestern")
    kpis = report(bot, capsys, monkeypatch)["kpis"]
    assert kpis["roi_incl_time_pct"]["value"] == "1900.00"
    assert kpis["roi_pct"] == {"value": None, "window": "week", "reason": "no costs recorded"}


def test_roi_and_time_examples_through_slash_commands(bot, capsys, monkeypatch):
    bot.slack.command("/cost", "5.000 tools date:17.11.")
    bot.slack.command("/kpi", "record revenue 7.000 date:17.11.")
    for _ in range(10):
        bot.slack.command("/hours", "24 ops date:17.11.")
    kpis = report(bot, capsys, monkeypatch)["kpis"]
    assert kpis["roi_pct"]["value"] == "40.00"
    assert kpis["revenue_per_hour"]["value"] == "29.17"
    assert kpis["ctr_pct"]["value"] is None
