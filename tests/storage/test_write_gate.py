"""SQLite's write gate: a bulk chunk waits for the writes that run or wait, never the reverse."""

from __future__ import annotations

import threading
from pathlib import Path

from storage.db import Database
from storage.write_gate import WriteGate


def test_only_a_sqlite_file_has_a_gate(tmp_path):
    assert WriteGate.for_url(f"sqlite:///{tmp_path / 'n.db'}").path == tmp_path / "n.db.writers"
    assert WriteGate.for_url("sqlite://").path is None
    assert WriteGate.for_url("postgresql+psycopg://u:p@127.0.0.1/n").path is None


def enter_in_thread(gate_entry) -> tuple[threading.Event, threading.Event, threading.Thread]:
    """Start a thread that enters `gate_entry()`; (entered, leave, thread)."""
    entered, leave = threading.Event(), threading.Event()

    def run() -> None:
        with gate_entry():
            entered.set()
            leave.wait(10)

    thread = threading.Thread(target=run)
    thread.start()
    return entered, leave, thread


def test_a_bulk_chunk_waits_until_a_running_write_is_done(tmp_path: Path):
    db = Database(f"sqlite:///{tmp_path / 'n.db'}")
    with db.session():
        entered, leave, thread = enter_in_thread(db.gate.bulk_write)
        assert not entered.wait(0.3)
    assert entered.wait(5)
    leave.set()
    thread.join(5)
    db.dispose()


def test_a_write_that_comes_during_a_bulk_chunk_waits_only_for_that_chunk(tmp_path: Path):
    db = Database(f"sqlite:///{tmp_path / 'n.db'}")
    chunk_entered, end_chunk, chunk = enter_in_thread(db.gate.bulk_write)
    assert chunk_entered.wait(5)
    write_entered, end_write, write = enter_in_thread(db.gate.write)
    assert write_entered.wait(5)  # through the gate at once; SQLite's lock is next
    next_entered, end_next, next_chunk = enter_in_thread(db.gate.bulk_write)
    end_chunk.set()
    chunk.join(5)
    assert not next_entered.wait(0.3)  # the next chunk waits for the write
    end_write.set()
    write.join(5)
    assert next_entered.wait(5)
    end_next.set()
    next_chunk.join(5)
    db.dispose()


def test_a_gate_file_that_cannot_be_opened_lets_writes_through(tmp_path: Path, monkeypatch):
    import storage.write_gate

    def refused(*_args):
        raise PermissionError("not yours")

    db = Database(f"sqlite:///{tmp_path / 'n.db'}")
    monkeypatch.setattr(storage.write_gate.os, "open", refused)
    with db.gate.bulk_write(), db.gate.write():
        pass
    db.dispose()
