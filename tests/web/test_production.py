"""HTTP mode's production server (gunicorn, web/production.py) in a real process: a dead worker
replaced, no worker outliving a server killed with SIGKILL, the heap settled. Body caps and slow
clients: tests/web/test_hardening.py."""

from __future__ import annotations

import json
import os
import signal
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.stacks import Running, run_gunicorn
from tests.web.stacks import wait_for as _wait
from web.production import YOUNG_THRESHOLD


@pytest.fixture
def server(tmp_path) -> Iterator[Running]:
    yield from run_gunicorn(tmp_path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


def test_a_worker_settles_its_heap_once_its_application_is_built(server):
    with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/heap", timeout=5) as response:
        heap = json.loads(response.read())

    assert heap["frozen"] > 1000  # the libraries' objects are left out of every collection
    assert heap["threshold"][0] == YOUNG_THRESHOLD


def test_a_dead_worker_is_replaced(server):
    url = f"http://127.0.0.1:{server.port}/echo"
    with urllib.request.urlopen(urllib.request.Request(url, data=b"hi"), timeout=5) as response:
        assert response.read() == b"echo:hi"
    first, other = sorted(server.marks("worker"))
    os.kill(first, signal.SIGKILL)
    replaced = _wait(lambda: server.marks("worker") - {first, other})
    assert len(replaced) == 1, "no new worker after a worker died"
    with urllib.request.urlopen(urllib.request.Request(url, data=b"again"), timeout=5) as response:
        assert response.read() == b"echo:again"


def test_workers_die_with_a_server_killed_by_sigkill(server):
    workers = server.marks("worker")
    assert all(_alive(pid) for pid in workers)
    server.process.send_signal(signal.SIGKILL)  # the server alone, as the OOM killer would
    server.process.wait(10)
    assert _wait(lambda: not any(_alive(pid) for pid in workers), 5), "a worker outlived its server"
