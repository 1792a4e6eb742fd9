"""The storage tests' database: migrated, with workspace T1 (on SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from storage.db import Database
from storage.models import Workspace

STORED_AT = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


@pytest.fixture
def db(database_url) -> Iterator[Database]:
    database = Database(database_url)
    database.upgrade()
    with database.session() as session:
        session.add(Workspace(id="T1", created_at=STORED_AT))
    yield database
    database.dispose()
