"""The fault-injection suite's tools: real `northstar run` processes, and the table of results.

Every scenario records a row (tests/faults/fault_table.py). At the end of the run the table is
printed, written to the file named by NORTHSTAR_FAULT_TABLE when set, and as the reliability
document (docs/reliability.md) to the file named by NORTHSTAR_RELIABILITY_DOC when set.
Under xdist the workers hand their rows to the controller (which prints them when it loaded
this conftest, i.e. when tests/faults was named on the command line).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

import pytest

from tests.faults.fault_table import (
    DOC_ENV,
    ROWS,
    TABLE_ENV,
    FaultTable,
    Row,
    reliability_doc,
    render_table,
)

ROOT = Path(__file__).resolve().parents[2]
NORTHSTAR = ROOT / ".venv" / "bin" / "northstar"
BOT_TOKEN = "xoxb-test"
SIGNING_SECRET = "fault-signing-secret"
_ROWS_KEY = "northstar_fault_rows"


@pytest.fixture(scope="session")
def fault_table() -> FaultTable:
    return FaultTable()


@pytest.fixture(autouse=True)
def _outcome_of_rows(request) -> Iterator[None]:
    """Mark the rows a test recorded with whether the test passed."""
    first = len(ROWS)
    yield
    report = getattr(request.node, "_fault_call_report", None)
    for row in ROWS[first:]:
        row.outcome = "passed" if report is not None and report.passed else "FAILED"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item._fault_call_report = report


def pytest_sessionfinish(session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: the controller prints
        workeroutput[_ROWS_KEY] = json.dumps([asdict(row) for row in ROWS])


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    rows = (getattr(node, "workeroutput", None) or {}).get(_ROWS_KEY)
    if rows:
        ROWS.extend(Row(**row) for row in json.loads(rows))


def pytest_terminal_summary(terminalreporter) -> None:
    if not ROWS:
        return
    table = render_table(ROWS)
    terminalreporter.write_sep("=", "fault injection")
    terminalreporter.write_line(table)
    target = os.environ.get(TABLE_ENV)
    if target:
        Path(target).write_text(table + "\n")
        terminalreporter.write_line(f"(written to {target})")
    doc = os.environ.get(DOC_ENV)
    if doc:
        outcomes = {name: len(terminalreporter.stats.get(name, []))
                    for name in ("passed", "failed", "skipped", "error")}
        not_run = [f"{report.nodeid}: {report.longrepr[2]}" if isinstance(report.longrepr, tuple)
                   else report.nodeid for report in terminalreporter.stats.get("skipped", [])]
        Path(doc).write_text(reliability_doc(ROWS, outcomes, not_run))
        terminalreporter.write_line(f"(reliability document written to {doc})")


# Real `northstar run` processes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Northstar:
    """One `northstar run --port P` at a time against the fake Slack; restartable."""

    def __init__(self, workdir: Path, api_url: str, database_url: str,
                 env: dict[str, str | None] | None = None) -> None:
        self.workdir, self.api_url, self.database_url = workdir, api_url, database_url
        # on top of the defaults, e.g. NORTHSTAR_TICK_SECONDS; None removes a default
        # (SLACK_BOT_TOKEN for OAuth mode)
        self.env = env or {}
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.starts = 0
        self.kills = 0
        self.log_paths: list[Path] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, fake_now: datetime | None = None, timeout: float = 30.0) -> Northstar:
        """Start on a free port; another program taking the port first means another port."""
        assert self.process is None, "already running"
        for _ in range(5):
            if self._start_on(free_port(), fake_now, timeout):
                return self
        raise AssertionError("northstar run found no free port:\n" + self.log_tail())

    def _start_on(self, port: int, fake_now: datetime | None, timeout: float) -> bool:
        self.port = port
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("SLACK_", "NORTHSTAR_")) and key != "DATABASE_URL"}
        env.update(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                   SLACK_API_URL=self.api_url, DATABASE_URL=self.database_url,
                   NORTHSTAR_TICK_SECONDS="1", PYTHONUNBUFFERED="1")
        if fake_now is not None:
            env["NORTHSTAR_FAKE_NOW"] = fake_now.isoformat()
        for key, value in self.env.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        self.starts += 1
        log_path = self.workdir / f"northstar-{self.starts}.log"
        self.log_paths.append(log_path)
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [str(NORTHSTAR), "run", "--port", str(port)], env=env, cwd=self.workdir,
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.process = process
        if self._serving(process, timeout):
            return True
        self.process = None
        if "Address already in use" in log_path.read_text(errors="replace"):
            return False
        raise AssertionError(f"northstar run exited with {process.returncode}:\n"
                             + self.log_tail())

    def _serving(self, process: subprocess.Popen, timeout: float) -> bool:
        """True once this process answers on its port (only northstar's ingestion endpoint
        answers a GET with 405 "use POST"); False when it exited."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.base_url}/ingest/v1/events", timeout=1):
                    pass
            except urllib.error.HTTPError as error:
                if error.code == 405 and b"use POST" in error.read():
                    return process.poll() is None
            except OSError:
                pass
            time.sleep(0.05)
        process.kill()
        process.wait(10)
        raise AssertionError(f"northstar run not serving after {timeout} s:\n" + self.log_tail())

    def kill(self) -> None:
        """SIGKILL: no cleanup, no goodbye."""
        process = self.process
        if process is not None:
            process.send_signal(signal.SIGKILL)
            process.wait(10)
            self.process = None
            self.kills += 1

    def stop(self) -> None:
        """SIGTERM (then SIGKILL if it lingers)."""
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
            self.process = None

    def restart(self, fake_now: datetime | None = None) -> Northstar:
        self.stop()
        return self.start(fake_now)

    def alive(self) -> bool:
        process = self.process  # kill() may clear it from a timer thread meanwhile
        return process is not None and process.poll() is None

    def log_tail(self, lines: int = 60) -> str:
        text = "\n".join(path.read_text(errors="replace") for path in self.log_paths
                         if path.exists())
        return "\n".join(text.splitlines()[-lines:])

    def logs(self) -> str:
        return "\n".join(path.read_text(errors="replace") for path in self.log_paths
                         if path.exists())


@pytest.fixture
def northstar(tmp_path, fake_slack, request) -> Iterator:
    """A factory: `northstar(database_url)` gives a (not yet started) Northstar."""
    made: list[Northstar] = []

    def make(database_url: str) -> Northstar:
        process = Northstar(tmp_path, fake_slack.api_url, database_url)
        made.append(process)
        return process

    yield make
    fake_slack.release()
    for process in made:
        process.stop()
    failed = getattr(request.node, "_fault_call_report", None)
    if failed is not None and failed.failed:
        for process in made:
            sys.stderr.write(f"\n--- northstar logs ({process.database_url}) ---\n"
                             + process.log_tail(120) + "\n")
