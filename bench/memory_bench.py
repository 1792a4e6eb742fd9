"""Memory of one worker process posting digests in a row (gather, Block Kit, post, thread, charts).

    .venv/bin/python -m bench.memory_bench [DIGESTS] [WORKSPACES]
Posts DIGESTS digests (default 1,000) for WORKSPACES workspaces of one year each (default 20,
taken in turn) through the real Slack sender to the fake Slack, which runs in a child process
so that what it keeps is not counted here. Prints this process's resident memory (RSS, now,
not the peak) at the start, after 100 digests and at the end.
"""

from __future__ import annotations

import multiprocessing
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from slack_sdk import WebClient

from bench.digest_bench import PER_YEAR
from bench.seed import seed_workspace
from bot.digest.post import SlackSender
from metrics.chart_output import spare_count
from metrics.weeks import IsoWeek
from ritual.digest_data import gather
from storage.db import Database
from storage.models import Workspace
from tests.fake_slack import FakeSlack

TARGET_MB = 300


def rss_mb() -> float:
    """Resident memory of this process now, in MB (10^6 bytes)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * 4096 / 1e6


def _serve_fake_slack(urls, stop) -> None:
    with FakeSlack() as fake:
        urls.put(fake.api_url)
        stop.wait()


def post_digests(db: Database, api_url: str, ids: list[str], count: int, week: IsoWeek) -> None:
    sender = SlackSender(WebClient(token="xoxb-test", base_url=api_url))
    started = time.perf_counter()
    print(f"start (workspaces seeded, nothing rendered yet): RSS {rss_mb():6.0f} MB")
    for number in range(1, count + 1):
        with db.reader() as session:
            workspace = session.get(Workspace, ids[number % len(ids)])
            data = gather(session, workspace, week, datetime.now(UTC))
        channel, ts = sender.send(data, "C0KPI")
        sender.post_thread(data, channel, ts, retry=False)
        if number in (1, 100, count) or number % 250 == 0:
            print(f"after {number:5,} digests: RSS {rss_mb():6.0f} MB   "
                  f"({(time.perf_counter() - started) / number * 1000:.0f} ms per digest, "
                  f"{spare_count()} spare figure(s) kept)")


def main(count: int = 1000, workspaces: int = 20) -> None:
    week = IsoWeek.of(date.today()).previous()
    context = multiprocessing.get_context("spawn")
    urls, stop = context.Queue(), context.Event()
    slack = context.Process(target=_serve_fake_slack, args=(urls, stop), daemon=True)
    slack.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
            db.upgrade()
            ids = [f"T{index:05d}" for index in range(workspaces)]
            for workspace_id in ids:
                seed_workspace(db, workspace_id, PER_YEAR, week.end, years=1)
            post_digests(db, urls.get(timeout=30), ids, count, week)
    finally:
        stop.set()
        slack.join(10)
    print(f"target: under {TARGET_MB} MB all along, no growth from figures or caches")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
