"""The import contracts hold, and they catch a Slack import in the use cases or a cycle."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "cli", "web", "ritual", "texts", "storage", "capture", "metrics")
LINT = Path(sys.executable).with_name("lint-imports")


def lint(tree: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([str(LINT), "--no-cache"], cwd=tree, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_tree_keeps_every_contract(tree: Path):
    result = lint(tree)
    assert result.returncode == 0, result.stdout


def test_a_slack_import_in_the_use_cases_breaks_the_build(tree: Path):
    (tree / "ritual" / "sneaky.py").write_text("import slack_sdk  # noqa\n")
    result = lint(tree)
    assert result.returncode != 0 and "ritual.sneaky -> slack_sdk" in result.stdout


def test_storage_importing_a_use_case_breaks_the_build(tree: Path):
    (tree / "storage" / "sneaky.py").write_text("import ritual.deps  # noqa\n")
    result = lint(tree)
    assert result.returncode != 0 and "storage.sneaky -> ritual.deps" in result.stdout


def test_text_rendered_below_the_edge_breaks_the_build(tree: Path):
    (tree / "metrics" / "sneaky.py").write_text("from texts import t  # noqa\n")
    assert lint(tree).returncode != 0
