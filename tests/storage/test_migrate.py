"""Migrations on PostgreSQL: concurrent starts, and URLs that configparser would choke on."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, inspect, text

from storage.db import Database
from tests.conftest import PG_ENV

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.postgres


def _server() -> str:
    server = os.environ.get(PG_ENV)
    if not server:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_ENV} is not set: CI must run the PostgreSQL tests")
        pytest.skip(f"no PostgreSQL server ({PG_ENV} unset)")
    return server


@pytest.fixture
def admin():
    engine = create_engine(_server(), isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture
def empty_database(admin) -> Iterator[str]:
    """The name of a fresh, unmigrated database."""
    name = f"m_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield name
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _url_for(database: str) -> str:
    return f"{_server().rsplit('/', 1)[0]}/{database}"


def test_concurrent_upgrades_on_a_fresh_database_all_succeed(empty_database):
    url = _url_for(empty_database)
    script = "import sys; from storage.db import Database; Database(sys.argv[1]).upgrade()"
    processes = [
        subprocess.Popen([sys.executable, "-c", script, url], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    results = [(process.wait(timeout=120), process.stderr.read()) for process in processes]
    for process in processes:
        process.stdout.close()
        process.stderr.close()
    assert [code for code, _ in results] == [0, 0, 0, 0], "\n".join(err for _, err in results)
    database = Database(url)
    try:
        assert "entries" in inspect(database.engine).get_table_names()
        with database.engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        assert len(versions) == 1
    finally:
        database.dispose()


def test_a_password_with_at_and_percent_signs_migrates(admin, empty_database):
    role = f"r_{uuid.uuid4().hex[:8]}"
    password = "p@ss%w0rd:/?#"
    with admin.connect() as connection:
        connection.execute(text(f"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}'"))
        connection.execute(text(f'ALTER DATABASE "{empty_database}" OWNER TO "{role}"'))
    try:
        base = _url_for(empty_database)
        scheme, rest = base.split("://", 1)
        host_and_db = rest.split("@", 1)[1]
        url = f"{scheme}://{role}:{quote(password, safe='')}@{host_and_db}"
        assert "%40" in url and "%25" in url
        database = Database(url)
        try:
            assert database.engine.url.password == password
            database.upgrade()
            assert "entries" in inspect(database.engine).get_table_names()
        finally:
            database.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{empty_database}" WITH (FORCE)'))
            connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
