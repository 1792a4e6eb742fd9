"""Each bend is drawn on its own KPI's chart: revenue's on the money chart, never the north star's."""

from __future__ import annotations

from datetime import UTC, date, datetime

import bot.digest.charts as charts
from bot.digest.charts import bend_notes, render_charts
from metrics.weeks import IsoWeek
from ritual.digest_data import gather
from storage.db import Database
from storage.sample_business import seed_sample_business

NOW = datetime(2026, 11, 30, 8, tzinfo=UTC)


def demo_data(sqlite_url):
    db = Database(sqlite_url)
    db.upgrade()
    with db.session() as session:
        workspace = seed_sample_business(session, date(2026, 11, 30), NOW)
        return gather(session, workspace, IsoWeek.parse("2026-W48"), NOW)


def test_a_revenue_bend_is_drawn_on_the_money_chart_not_on_the_north_stars(sqlite_url, monkeypatch):
    data = demo_data(sqlite_url)
    revenue = [b for b in data.bends if b["kpi"] == "revenue"]
    assert revenue  # the café's orders: revenue bends in the sample business
    drawn: dict[str, list] = {}
    monkeypatch.setattr(charts, "north_star_chart",
                        lambda series, notes, **_: drawn.setdefault("north_star", notes) and b"")
    monkeypatch.setattr(charts, "money_chart",
                        lambda frame, bends, **_: drawn.setdefault("money", bends) and b"")
    render_charts(data, ("north_star", "money"))
    north_star_bends = {n.on for n in drawn["north_star"] if n.bend}
    own = {IsoWeek.parse(b["week"]) for b in data.bends if b["kpi"] == data.workspace.north_star}
    assert {IsoWeek.of(day) for day in north_star_bends} == own
    assert all(IsoWeek.parse(b["week"]) not in {IsoWeek.of(d) for d in north_star_bends}
               or IsoWeek.parse(b["week"]) in own for b in revenue)
    assert [n.on for n in drawn["money"]] == [n.on for n in bend_notes(data, "revenue")]
    assert len(drawn["money"]) == len(revenue)


def test_a_bend_without_a_naming_note_shows_the_nearest_note_as_a_candidate(sqlite_url):
    data = demo_data(sqlite_url)
    marks = bend_notes(data, data.workspace.north_star)
    candidates = [b for b in data.bends if b["kpi"] == data.workspace.north_star
                  and not b["notes"] and b["candidates"]]
    assert candidates
    tags = {m.tag for m in marks}
    assert {f"{b['candidates'][0]['number']}?" for b in candidates} <= tags
    assert all("kpi:" not in m.label for m in marks)
