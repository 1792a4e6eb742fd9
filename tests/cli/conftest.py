"""Fixtures of the command-line tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """A fresh working folder and no DATABASE_URL: the CLI's SQLite default lands here."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path


@pytest.fixture
def in_demo_tmp(tmp_path, monkeypatch):
    """A fresh working folder whose commands read the demo's own database (run the demo first)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'northstar-demo' / 'demo.db'}")
    return tmp_path
