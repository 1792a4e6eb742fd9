"""The scheduler lock: one holder among the processes, taken over when the holder dies."""

from __future__ import annotations

import subprocess
import sys

from storage.scheduler_lock import SchedulerLock, lock_path

HOLD = """
import sys, time
from pathlib import Path
from storage.scheduler_lock import SchedulerLock
print(SchedulerLock(Path(sys.argv[1])).try_take(), flush=True)
time.sleep(60)
"""


def test_the_lock_sits_beside_a_sqlite_file_and_in_the_data_dir_otherwise(tmp_path, monkeypatch):
    assert lock_path(f"sqlite:///{tmp_path}/shop.db", None) == tmp_path / "shop.db.scheduler.lock"
    assert lock_path("postgresql+psycopg://u@h/db", str(tmp_path)) == tmp_path / "northstar-scheduler.lock"
    monkeypatch.chdir(tmp_path / "..")
    assert lock_path("postgresql+psycopg://u@h/db", None) == tmp_path.parent / "northstar-scheduler.lock"


def test_one_process_holds_it_and_another_takes_it_when_the_holder_dies(tmp_path):
    path = tmp_path / "scheduler.lock"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "True"
        mine = SchedulerLock(path)
        assert not mine.try_take() and not mine.held
    finally:
        holder.kill()
        holder.wait(10)
    assert mine.try_take() and mine.held
    assert not SchedulerLock(path).try_take()  # a second open file of this process: refused too
    mine.release()
    assert SchedulerLock(path).try_take()
