"""SQLite on a full disk (issue 20): the database lives on a small tmpfs that a filler file fills
up while the bot runs. Every /cost is answered — saved, or "not saved, try again" — and stored
exactly when the answer said so; the database passes `PRAGMA integrity_check`; once the filler
is deleted the next command is saved. Skipped, with the reason, where mounting is not allowed."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.db import Database
from storage.models import Entry
from tests.faults.scenario_tools import classify
from tests.slack_requests import SlackClient

pytestmark = pytest.mark.faults

DISK_SIZE = "4m"
MAX_COMMANDS_WHILE_FULL = 40  # the log's pages already on disk may take a few entries first


@contextmanager
def small_tmpfs(folder: Path) -> Iterator[Path]:
    """A tmpfs of DISK_SIZE mounted on `folder`, unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (the full-disk scenario runs as root in CI)")
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE}", "northstar-full",
                              str(folder)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip() or mounted.returncode}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)]).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(path: Path) -> int:
    """Write `path` until the disk refuses another byte; returns its size."""
    with path.open("wb", buffering=0) as filler:
        for chunk in (1 << 20, 1 << 16, 1 << 12, 1 << 9, 1):
            while True:
                try:
                    filler.write(b"\0" * chunk)
                except OSError as error:
                    if error.errno != errno.ENOSPC:
                        raise
                    break
    return path.stat().st_size


def integrity(path: Path) -> str:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
    finally:
        connection.close()


def stored(url: str) -> Counter:
    db = Database(url)
    try:
        with db.reader() as session:
            return Counter(session.scalars(select(Entry.description).where(
                Entry.description.like("disk-%"))))
    finally:
        db.dispose()


def test_a_full_disk_refuses_the_command_keeps_the_database_and_recovers(
        tmp_path, sqlite_template, northstar, fault_table):
    answers: dict[str, str] = {}
    with small_tmpfs(tmp_path / "disk") as disk:
        path = disk / "northstar.db"
        shutil.copyfile(sqlite_template, path)
        url = f"sqlite:///{path}"
        process = northstar(url)
        try:
            process.start(datetime(2026, 11, 20, 10, 30, tzinfo=UTC))
            slack = SlackClient(process.base_url, "fault-signing-secret")

            def cost(number: int) -> str:
                status, body, _ = slack.command("/cost", f"3,{number:02d} tools disk-{number:02d}")
                answers[f"disk-{number:02d}"] = classify(status, body)
                return answers[f"disk-{number:02d}"]

            assert cost(0) == "saved"
            filled = fill(disk / "filler")
            for number in range(1, MAX_COMMANDS_WHILE_FULL + 1):
                if cost(number) != "saved":
                    break
            while_full = integrity(path)
            (disk / "filler").unlink()
            after = cost(99)
            alive = process.alive()
            full_logged = "database or disk is full" in process.logs()
        finally:
            process.stop()
        final = integrity(path)
        entries = stored(url)
    saved = {name for name, kind in answers.items() if kind == "saved"}
    lost = len(saved - set(entries))
    duplicates = sum(count - 1 for count in entries.values()) + len(set(entries) - saved)
    kinds = Counter(answers.values())
    fault_table.record("SQLite on a full disk (tmpfs)", len(answers) - 2, None, lost, duplicates,
                       ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
                       + f"; filler {filled // 1024} KiB; integrity_check {while_full} while full, "
                       f"{final} after; {after} once space was freed"
                       + ("; logged SQLITE_FULL" if full_logged else ""))
    assert alive, process.log_tail()
    assert set(kinds) <= {"saved", "refused"}, answers
    assert kinds["refused"] >= 1, f"the full disk never refused a command: {answers}"
    assert while_full == "ok" and final == "ok", (while_full, final)
    assert after == "saved"
    assert lost == 0 and duplicates == 0, (saved, entries)
