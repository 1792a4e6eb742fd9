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
        template = f' TEMPLATE "{template_name}"' if template_name else ""
        connection.execute(text(f'CREATE DATABASE "{name}"{template}'))
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


@pytest.fixture
def postgres_empty_url() -> Iterator[str]:
    """A fresh PostgreSQL database without any table (skipped without a server)."""
    yield from _postgres_url((os.environ.get(PG_ENV, ""), ""))


# Where the SQL differs between the databases, tests run on both: storage, the use cases
# (due work, claims, lifecycle, imports), the CLI's database commands and the fault suite.
# Elsewhere (the bot over HTTP, the web endpoints, capture) the SQL is the same as in those
# tests, so they run on SQLite; a test or module marked `postgres` there is a smoke test on both.
BOTH_DATABASES = frozenset({"storage", "ritual", "cli", "faults"})


def database_kinds(item_path: Path, marked_postgres: bool) -> list[str]:
    """The databases a test asking for `database_url` runs against."""
    folder = item_path.relative_to(Path(__file__).parent).parts[0]
    return ["sqlite", "postgres"] if marked_postgres or folder in BOTH_DATABASES else ["sqlite"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "database_url" in metafunc.fixturenames and not _parametrizes_database_url(metafunc):
        marked = metafunc.definition.get_closest_marker("postgres") is not None
        metafunc.parametrize("database_url", database_kinds(metafunc.definition.path, marked),
                             indirect=True)


def _parametrizes_database_url(metafunc: pytest.Metafunc) -> bool:
    """Whether the test gives its own `database_url` values (a parametrize argument)."""
    for mark in metafunc.definition.iter_markers("parametrize"):
        names = mark.args[0]
        names = [name.strip() for name in names.split(",")] if isinstance(names, str) else names
        if "database_url" in names:
            return True
    return False


@pytest.fixture
def database_url(request, tmp_path, sqlite_template, postgres_template) -> Iterator[str]:
    """A fresh, migrated database of each kind the test runs against (see database_kinds)."""
    if request.param == "sqlite":
        yield sqlite_copy(sqlite_template, tmp_path)
    else:
        yield from _postgres_url(postgres_template)
