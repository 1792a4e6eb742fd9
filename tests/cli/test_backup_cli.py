"""`northstar backup` and `northstar restore`: a file named for its moment and schema, one line
and a non-zero exit on every refusal, and the database untouched when it refuses."""

from __future__ import annotations

import os
import re
import sys

import pytest

from cli.main import build_parser, main
from storage import pg_backups
from storage.backups import head_revision
from tests.backup_data import change_rows, fill_empty_tables, fingerprint


@pytest.fixture
def seeded(database_url, monkeypatch, tmp_path) -> str:
    fill_empty_tables(database_url)  # a row in every table
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)
    return database_url


def _one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("northstar: ")
    return lines[0]


@pytest.mark.postgres
def test_backup_names_the_file_for_its_time_and_schema_and_restore_brings_it_back(seeded, tmp_path, capsys):
    before = fingerprint(seeded)
    assert main(["backup"]) == 0
    out = capsys.readouterr().out
    [written] = [path for path in tmp_path.iterdir() if path.name.startswith("northstar-")]
    suffix = "db" if seeded.startswith("sqlite") else "dump"
    assert re.fullmatch(rf"northstar-\d{{8}}T\d{{4}}Z-{head_revision()}\.{suffix}", written.name)
    assert f"backup written: {written}" in out

    change_rows(seeded)
    assert main(["restore", str(written), "--yes"]) == 0
    assert f"restored {written} (schema {head_revision()})" in capsys.readouterr().out
    assert fingerprint(seeded) == before


def test_restore_without_yes_changes_nothing(seeded, tmp_path, capsys):
    assert main(["backup", "--out", "copy.db"]) == 0
    capsys.readouterr()
    before = fingerprint(seeded)
    assert main(["restore", "copy.db"]) == 2
    assert "--yes" in _one_line_error(capsys)
    assert fingerprint(seeded) == before


@pytest.mark.postgres
def test_restoring_a_file_that_is_not_a_backup_is_one_line(seeded, tmp_path, capsys):
    (tmp_path / "export.csv").write_text("date,kind,name,amount\n2026-11-02,cost,Zapier,49.90\n")
    before = fingerprint(seeded)
    assert main(["restore", "export.csv", "--yes"]) == 2
    assert _one_line_error(capsys) == (
        "northstar: export.csv is not a northstar backup; nothing was changed")
    assert main(["restore", "missing.db", "--yes"]) == 2
    assert "missing.db: no such file" in _one_line_error(capsys)
    assert fingerprint(seeded) == before


def test_backup_does_not_overwrite_a_file(seeded, tmp_path, capsys):
    (tmp_path / "taken.db").write_text("mine")
    assert main(["backup", "--out", "taken.db"]) == 2
    assert "taken.db exists already" in _one_line_error(capsys)
    assert (tmp_path / "taken.db").read_text() == "mine"


@pytest.mark.postgres
def test_a_terminal_sees_the_progress(seeded, capsys, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["backup", "--out", "copy"]) == 0
    shown = capsys.readouterr().err
    if seeded.startswith("sqlite"):
        assert re.fullmatch(r"(\rcopied [\d,]+ of [\d,]+ pages)*\rcopied ([\d,]+) of \2 pages\n", shown)
    else:
        assert re.fullmatch(r"(\rdumped \d+ tables)+\n", shown)
        assert f"dumped {len(fingerprint(seeded))} tables\n" in shown


def test_without_pg_dump_backup_says_so_in_one_line(tmp_path, monkeypatch, capsys):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(pg_backups, "FALLBACK_BIN_DIRS", str(tmp_path / "nowhere" / "*" / "bin"))
    monkeypatch.setenv("DATABASE_URL", "postgresql://northstar@127.0.0.1:1/northstar")
    monkeypatch.chdir(tmp_path)
    assert main(["backup"]) == 2
    assert "pg_dump was not found on PATH" in _one_line_error(capsys)
    (tmp_path / "backup.dump").write_bytes(b"PGDMP")
    assert main(["restore", "backup.dump", "--yes"]) == 2
    assert "pg_restore was not found on PATH" in _one_line_error(capsys)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["backup.dump", "bin"]


def test_an_unreachable_postgresql_is_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgresql://northstar@127.0.0.1:1/northstar")
    monkeypatch.chdir(tmp_path)
    if pg_backups.shutil.which("pg_dump") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pg_dump is not installed: CI installs PostgreSQL and must run this")
        pytest.skip("pg_dump is not installed here")
    assert main(["backup"]) == 2
    assert "cannot reach the database" in _one_line_error(capsys)


def test_the_commands_explain_themselves():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert "backup API" in commands["backup"].description
    assert "pg_dump" in commands["backup"].description
    assert "--yes" in commands["restore"].format_help()
    assert "scratch copy" in commands["restore"].description
