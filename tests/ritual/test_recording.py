"""Recording an entry from a command line, without Slack: one short transaction."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from ritual.deps import Deps
from ritual.recording import Refused, record_command
from storage.db import Database
from storage.models import LOOK_NOW, CategoryClass, Entry, Workspace
from storage.workspaces import ensure_workspace
from tests.bot.conftest import MovableClock

NOW = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)  # already Tuesday in Berlin and Tokyo


@pytest.fixture
def deps(database_url):
    db = Database(database_url)
    yield Deps(db=db, clock=MovableClock(NOW))
    db.dispose()


def _entries(deps: Deps) -> list[Entry]:
    with deps.db.reader() as session:
        return list(session.scalars(select(Entry).order_by(Entry.id)))


def _ids(deps: Deps) -> list[int]:
    return [entry.id for entry in _entries(deps)]


def test_first_contact_creates_the_workspace_and_stores_the_entry_together(deps):
    view = record_command(deps, "cost", "TNEW", "U1", "49,90 tools Zapier", "C1")

    with deps.db.reader() as session:
        workspace = session.get(Workspace, "TNEW")
        stored = session.get(Entry, view.id)
    assert (workspace.language, workspace.currency, workspace.timezone) == \
        ("de", "EUR", "Europe/Berlin")
    assert workspace.next_digest_at != LOOK_NOW  # its first digest is scheduled
    assert (stored.kind, stored.quantity, stored.category, stored.cost_class) == \
        ("cost", Decimal("49.90"), "tools", "fixed")
    assert (stored.entered_by, stored.source, stored.slack_channel) == ("U1", "slash", "C1")
    assert stored.entered_at == NOW
    assert stored.occurred_on == date(2026, 11, 24)  # the workspace's own today


def test_the_workspace_settings_decide_how_the_line_is_read(deps):
    with deps.db.session() as session:
        ensure_workspace(session, "TUS", NOW, language="en", currency="USD",
                         timezone="America/New_York")
        session.add(CategoryClass(workspace_id="TUS", category="tools", cost_class="variable"))

    view = record_command(deps, "cost", "TUS", "U1", "1,234.50 tools")

    assert (view.lang, view.currency) == ("en", "USD")
    stored = _entries(deps)[-1]
    assert stored.quantity == Decimal("1234.50")  # English number format
    assert stored.cost_class == "variable"  # the workspace's own mapping
    assert stored.occurred_on == date(2026, 11, 23)  # still Monday in New York


def test_a_refused_line_stores_nothing_and_answers_in_the_workspace_language(deps):
    record_command(deps, "cost", "TONE", "U1", "12 tools")
    before = _ids(deps)

    refused = record_command(deps, "cost", "TONE", "U1", "zwölf tools")

    assert isinstance(refused, Refused)
    assert refused.lang == "de"
    assert _ids(deps) == before


def test_entries_of_many_commands_get_their_own_ids(deps):
    ids = [record_command(deps, kind, "TONE", "U1", text).id
           for kind, text in (("cost", "12 tools"), ("hours", "2 support"), ("note", "hi"))]

    assert len(set(ids)) == 3
    with deps.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(Entry)) == 3
