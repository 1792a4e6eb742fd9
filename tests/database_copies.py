"""Fresh SQLite databases for tests: a file copy of a migrated (or seeded) template."""

from __future__ import annotations

import shutil
from pathlib import Path


def sqlite_copy(template: Path, folder: Path, name: str = "northstar.db") -> str:
    """The URL of a copy of `template` in `folder`."""
    path = folder / name
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"
