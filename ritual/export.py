"""Exporting a workspace as one CSV file (admins only, checked at the edge)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ritual.context import read_workspace
from ritual.deps import Deps
from storage.csv_io import export_workspace


def export_csv(deps: Deps, team_id: str) -> tuple[str, bytes, str]:
    """The file name, its bytes, and the workspace language."""
    with deps.db.reader() as session:
        workspace = read_workspace(session, team_id, deps.now())
        with tempfile.TemporaryDirectory() as folder:
            path = export_workspace(session, workspace, Path(folder))
            return path.name, path.read_bytes(), workspace.language
