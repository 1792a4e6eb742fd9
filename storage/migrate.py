"""Alembic migrations, run programmatically (`northstar db upgrade`).

The engine's connection goes to Alembic through `config.attributes`, never as a URL string in
the ini options: configparser would read the `%` of a URL-encoded password as interpolation.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine, connection: Connection | None = None) -> Config:
    """An Alembic config pointing at our migrations and the given engine (and connection)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database behind the engine to a revision (default: the newest)."""
    with engine.connect() as connection:
        command.upgrade(alembic_config(engine, connection), revision)
        connection.commit()
