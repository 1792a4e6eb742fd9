"""A client that pushes batches of events to the ingestion endpoint while something strikes."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.faults.scenario_tools import ingest, snippet


@dataclass
class Sender:
    """Sends every batch until it is answered, resending it with the same external_ids after
    a failure, as a client would (a 503 is retried after a moment, a cut request at once, a dead
    process is started again). For each batch in `kill_at` a timer strikes that fraction of a
    request's duration after the batch's first try began: mostly inside the request (in the
    middle of its transaction), sometimes just after it. The strike is `fault` (default: SIGKILL
    the process)."""

    process: object
    token: str
    batches: list[list[dict]]
    kill_at: dict[int, float]
    fault: Callable[[], object] | None = None
    answers: dict[int, dict] = field(default_factory=dict)
    attempts: Counter = field(default_factory=Counter)
    seconds: list[float] = field(default_factory=list)
    cut: int = 0
    unavailable: int = 0  # answered 503 (retry: what was stored comes back as duplicates)
    unexpected: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)

    def run(self, deadline: float) -> None:
        for index, batch in enumerate(self.batches):
            body = json.dumps({"events": batch}).encode()
            killer = None
            if index in self.kill_at:
                typical = sorted(self.seconds)[len(self.seconds) // 2]
                killer = threading.Timer(self.kill_at[index] * typical,
                                         self.fault or self.process.kill)
                killer.start()
            while index not in self.answers and time.monotonic() < deadline:
                if not self.process.alive():  # this batch's kill struck between two tries
                    if killer is not None:
                        killer.join()
                    self.process.start()
                self.attempts[index] += 1
                started = time.monotonic()
                try:
                    status, answer = ingest(self.process.base_url, self.token, body)
                except OSError as error:  # the kill cut the request
                    self.history.append(f"batch {index} try {self.attempts[index]}: {error!r}")
                    self.cut += 1
                    if killer is not None:
                        killer.join()
                    continue
                if self.attempts[index] == 1:
                    self.seconds.append(time.monotonic() - started)
                self.history.append(f"batch {index} try {self.attempts[index]}: HTTP {status} " + ", ".join(
                    f"{key} {len(value) if isinstance(value, list) else snippet(value)}"
                    for key, value in answer.items()))
                if status == 200 and all(isinstance(answer.get(key), list)
                                         for key in ("accepted", "duplicates", "rejected")):
                    self.answers[index] = answer
                elif not self.process.alive():  # killed meanwhile: not our process's answer
                    self.cut += 1
                elif status == 503:
                    self.unavailable += 1
                    time.sleep(0.1)
                else:
                    self.unexpected.append(f"batch {index}: {status} {answer}")
                    return
            if killer is not None:
                killer.join()  # a kill after the answer: restart before the next batch
                if not self.process.alive():
                    self.process.start()
