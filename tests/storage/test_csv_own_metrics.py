"""Sessions, returns and a workspace's own metrics in the northstar CSV: import, export, round trip."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from capture.context import ParseContext
from capture.errors import InputError
from capture.own_metrics import OwnMetricDef
from storage.csv_io import CsvImportError, export_rows, import_rows, parse_csv
from storage.models import Entry, Goal, Workspace
from storage.own_metrics import own_metrics_of, save_own_metric
from storage.owners import explicit_owners

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
CTX = ParseContext(today=date(2026, 11, 20), lang="en")
SIGNUPS = OwnMetricDef("newsletter_signups", "Newsletter sign-ups", "sum", "count")


def store(db, text: str, ctx: ParseContext = CTX) -> None:
    with db.session() as session:
        import_rows(session, session.get(Workspace, "T1"), parse_csv(text, ctx), "U1", NOW)


def metrics(db) -> list[tuple[str, Decimal]]:
    with db.session() as session:
        return [(e.metric, e.quantity) for e in session.scalars(
            select(Entry).where(Entry.kind == "metric").order_by(Entry.id))]


def test_sessions_and_returns_are_imported_like_any_metric(db):
    store(db, "date,kind,name,amount\n2026-11-18,metric,sessions,1200\n"
              "2026-11-18,metric,returns,3\n")
    assert metrics(db) == [("sessions", Decimal(1200)), ("returns", Decimal(3))]


def test_an_own_metric_row_is_refused_without_its_definition(db):
    with pytest.raises(CsvImportError) as refused:
        parse_csv("date,kind,name,amount\n2026-11-18,metric,newsletter_signups,12\n", CTX)
    [(line, error)] = refused.value.errors
    assert line == 2 and error.code == "unknown_metric"


def test_a_definition_row_defines_the_metric_for_the_values_and_goals_in_the_same_file(db):
    store(db, "date,kind,name,amount,description,every,class\n"
              "2026-11-18,metric,newsletter_signups,12,,,\n"
              ",goal,newsletter_signups,20,,,\n"
              ",own_metric,newsletter_signups,,Newsletter sign-ups,sum,count\n")
    assert metrics(db) == [("newsletter_signups", Decimal(12))]
    with db.session() as session:
        assert own_metrics_of(session, "T1") == [SIGNUPS]
        assert session.scalar(select(Goal.target).where(Goal.kpi == "newsletter_signups")) == 20


def test_a_bad_definition_row_names_its_line():
    with pytest.raises(CsvImportError) as refused:
        parse_csv("date,kind,name,description,every\n,own_metric,revenue,Umsatz,sum\n"
                  ",own_metric,stock,Stock,daily\n", CTX)
    assert [(line, error.code) for line, error in refused.value.errors] == [
        (2, "own_metric_taken"), (3, "own_metric_unknown_word")]


def test_export_and_import_carry_definitions_and_values_to_a_new_workspace(db):
    with db.session() as session:
        save_own_metric(session, "T1", SIGNUPS, "U1", NOW)
        save_own_metric(session, "T1", OwnMetricDef("stock_value", "Lagerwert", "level", "money"),
                        "U1", NOW)
    store(db, "date,kind,name,amount,description\n2026-11-18,metric,newsletter_signups,12,\n"
              "2026-11-18,metric,stock_value,1500.50,\n,owner,stock_value,,U0BEN\n",
          ParseContext(today=date(2026, 11, 20), lang="en",
                       own_metrics=frozenset({"newsletter_signups", "stock_value"})))
    with db.session() as session:
        rows = export_rows(session, session.get(Workspace, "T1"))
        session.add(Workspace(id="T2", created_at=NOW))
    header = ["date", "kind", "name", "amount", "description", "every", "class"]
    text = "\n".join([",".join(header), *(",".join(row.get(c, "") for c in header)
                                          for row in rows if row["kind"] != "setting")])
    with db.session() as session:
        import_rows(session, session.get(Workspace, "T2"), parse_csv(text, CTX), "U1", NOW)
    with db.session() as session:
        assert own_metrics_of(session, "T2") == own_metrics_of(session, "T1")
        assert explicit_owners(session, "T2") == {"stock_value": "U0BEN"}
        values = session.execute(select(Entry.metric, Entry.quantity).where(
            Entry.workspace_id == "T2").order_by(Entry.metric)).all()
    assert [(m, Decimal(q)) for m, q in values] == [("newsletter_signups", Decimal(12)),
                                                    ("stock_value", Decimal("1500.50"))]


def test_an_own_metric_key_may_not_be_a_builtin_or_its_german_word():
    from capture.own_metrics import parse_metric_definition

    for text in ("orders", "umsatz", "conversion_rate_pct", "costs"):
        with pytest.raises(InputError) as taken:
            parse_metric_definition(text)
        assert taken.value.code == "own_metric_taken"
