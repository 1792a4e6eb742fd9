"""A write transaction on a driver connection stores exactly what SQLAlchemy would."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import bindparam, select
from sqlalchemy.exc import DBAPIError, NoResultFound

from capture.inputs import CostInput
from storage.db import Database
from storage.entries import Provenance, entry_values, insert_entry
from storage.models import Entry
from storage.workspaces import category_classes, input_settings, set_category_class

ORIGIN = Provenance(entered_by="U1", entered_at=datetime(2026, 11, 30, 21, 15, 30, 123456,
                                                         tzinfo=UTC),
                    source="slash", slack_channel="C1")
COST = CostInput(amount=Decimal("12.5000"), category="tools", cost_class="fixed",
                 description="Zapier", occurred_on=date(2026, 11, 30))
COLUMNS = ("workspace_id", "kind", "occurred_on", "quantity", "category", "cost_class",
           "description", "entered_by", "entered_at", "source", "slack_channel", "deleted_at")


def stored(db, entry_id: int) -> tuple:
    with db.reader() as session:
        row = session.get(Entry, entry_id)
        return tuple(getattr(row, column) for column in COLUMNS)


def test_an_entry_stored_raw_reads_back_as_one_stored_through_sqlalchemy(db):
    with db.raw_transaction() as transaction:
        raw_id = insert_entry(transaction, "T1", COST, ORIGIN)
    with db.transaction() as connection:
        orm_id = insert_entry(connection, "T1", COST, ORIGIN)

    assert raw_id != orm_id
    assert stored(db, raw_id) == stored(db, orm_id)
    assert stored(db, raw_id)[:4] == ("T1", "cost", date(2026, 11, 30), Decimal("12.5000"))
    assert stored(db, raw_id)[8] == ORIGIN.entered_at  # aware, in UTC, to the microsecond


def test_reads_in_a_raw_transaction_see_the_workspace_and_its_categories(db):
    with db.session() as session:
        set_category_class(session, "T1", "ads", "variable")

    with db.raw_transaction() as transaction:
        settings = input_settings(transaction, "T1")
        mapping = category_classes(transaction, "T1")
        missing = input_settings(transaction, "TNONE")

    assert (settings.id, settings.language, settings.currency) == ("T1", "de", "EUR")
    assert mapping["ads"] == "variable" and mapping["tools"] == "fixed"
    assert missing is None


def test_an_error_inside_rolls_back_what_the_transaction_wrote(db):
    with pytest.raises(RuntimeError), db.raw_transaction() as transaction:
        insert_entry(transaction, "T1", COST, ORIGIN)
        raise RuntimeError("the listener failed after the insert")

    with db.reader() as session:
        assert session.scalars(select(Entry.id)).all() == []


def test_a_driver_error_arrives_as_sqlalchemys_and_stores_nothing(db):
    values = entry_values("TGONE", COST, ORIGIN)  # no such workspace: the foreign key refuses
    with pytest.raises(DBAPIError), db.raw_transaction() as transaction:
        insert_entry(transaction, "T1", COST, ORIGIN)
        transaction.execute(Entry.__table__.insert(), values)

    with db.reader() as session:
        assert session.scalars(select(Entry.id)).all() == []


def test_scalar_one_insists_on_exactly_one_row(db):
    ids = select(Entry.id).where(Entry.workspace_id == bindparam("team"))
    with pytest.raises(NoResultFound), db.raw_transaction() as transaction:
        transaction.execute(ids, {"team": "T1"}).scalar_one()


def test_a_statement_with_values_built_in_is_refused(db):
    with pytest.raises(ValueError, match="bindparam"), db.raw_transaction() as transaction:
        transaction.execute(select(Entry.id).where(Entry.workspace_id == "T1"), {})


def test_a_server_that_cannot_be_reached_is_sqlalchemys_error_too():
    unreachable = Database("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=1")
    with pytest.raises(DBAPIError), unreachable.raw_transaction():
        pass
