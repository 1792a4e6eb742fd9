"""Shared fixtures: the fake Slack, and databases (SQLite always, PostgreSQL when available).

Each test gets a fresh database copied from a migrated template (a file copy for SQLite,
CREATE DATABASE … TEMPLATE for PostgreSQL), so migrations run once per test session.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from storage.db import Database
from tests.database_copies import sqlite_copy
from tests.fake_slack import FakeSlack

PG_ENV = "NORTHSTAR_TEST_PG_URL"


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    database = Database(f"sqlite:///{path}")
    database.upgrade()
    database.dispose()
    return path


@pytest.fixture
def sqlite_url(tmp_path, sqlite_template) -> str:
    return sqlite_copy(sqlite_template, tmp_path)


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[tuple[str, str]]:
    """(server URL, name of a migrated template database)."""
    server = os.environ.get(PG_ENV)
    if not server:
        yield "", ""
        return
    name = f"tpl_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    database = Database(f"{server.rsplit('/', 1)[0]}/{name}")
    database.upgrade()
    database.dispose()
    yield server, name
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _postgres_url(template: tuple[str, str]) -> Iterator[str]:
    server, template_name = template
    if not server:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_ENV} is not set: CI must run the PostgreSQL tests")
        pytest.skip(f"no PostgreSQL server ({PG_ENV} unset)")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"'))
    try:
        yield f"{server.rsplit('/', 1)[0]}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_url(postgres_template) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database (skipped without a server)."""
    yield from _postgres_url(postgres_template)


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request, tmp_path, sqlite_template, postgres_template) -> Iterator[str]:
    """A fresh, migrated database of each kind."""
    if request.param == "sqlite":
        yield sqlite_copy(sqlite_template, tmp_path)
    else:
        yield from _postgres_url(postgres_template)
