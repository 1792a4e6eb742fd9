"""Every northstar table in one place: the metadata Alembic compares migrations with."""

from __future__ import annotations

from storage import edit_tables, import_tables, models, own_tables, owners_tables, weekly_tables
from storage.base import Base

TABLE_MODULES = (models, edit_tables, owners_tables, import_tables, own_tables, weekly_tables)
metadata = Base.metadata
