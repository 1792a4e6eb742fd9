"""The seeds' examples typed as slash commands give KPIS.md's values in `northstar report --json`."""

from __future__ import annotations

import json

from cli.main import main


def report(bot, capsys, monkeypatch, week: str = "2026-W47") -> dict:
    monkeypatch.setenv("DATABASE_URL", bot.db.url)
    assert main(["report", "--week", week, "--json", "--team", "T0ACCEPT"]) == 0
    return json.loads(capsys.readouterr().out)


# 79,971 € acquisition cost, 437 leads, 138 qualified leads and 67 new customers in all
FUNNEL_WEEKS = [("28.10.", "19.992,75", 110, 36, 16), ("4.11.", "19.992,75", 109, 34, 17),
                ("11.11.", "19.992,75", 109, 34, 17), ("18.11.", "19.992,75", 109, 34, 17)]


def test_funnel_of_seed_003_through_slash_commands(bot, capsys, monkeypatch):
    # the funnel's totals over the four weeks of the window (a window needs its weeks recorded)
    for day, cost, leads, qualified, new in FUNNEL_WEEKS:
        bot.slack.command("/cost", f"{cost} ads Kampagne date:{day}")
        for text in (f"leads {leads}", f"qualified_leads {qualified}", f"new_customers {new}"):
            bot.slack.command("/kpi", f"record {text} date:{day}")
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
