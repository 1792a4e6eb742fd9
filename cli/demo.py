"""`northstar demo`: a sample micro-business in its own SQLite file, and its latest digest."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from cli.common import CliError
from cli.reports import write_digest, write_home
from metrics.weeks import IsoWeek
from ritual.digest_data import gather
from storage.clock import utc_now
from storage.db import Database
from storage.models import Workspace
from storage.sample_business import DEMO_TEAM, seed_sample_business
from storage.sample_ritual import seed_posted_digests

DEMO_FILE = "demo.db"


def cmd_demo(args) -> int:
    return run_demo(Path(args.out))


def demo_database(out: Path) -> Database:
    """The demo's own SQLite file inside its folder: never the bot's database (DATABASE_URL)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CliError(f"cannot create the demo folder {out}: {error.strerror or error}") from error
    db = Database(f"sqlite:///{(out / DEMO_FILE).resolve()}")
    db.upgrade()
    return db


def run_demo(out: Path) -> int:
    """Seed (afresh) the demo workspace, marked as the demo, then write last week's digest."""
    db, now = demo_database(out), utc_now()
    with db.session() as session:
        existing = session.get(Workspace, DEMO_TEAM)
        if existing is not None:
            session.delete(existing)
    with db.session() as session:
        today = now.astimezone(ZoneInfo("Europe/Berlin")).date()
        workspace = seed_sample_business(session, today, now)
        workspace.demo = True
        seed_posted_digests(session, workspace, IsoWeek.of(today).start)
    with db.session() as session:
        workspace = session.get(Workspace, DEMO_TEAM)
        week = IsoWeek.of(today).previous()
        data = gather(session, workspace, week, now)
        files = write_digest(data, out)
        files.append(write_home(session, workspace, IsoWeek.of(today), out))
    db.dispose()
    url = f"sqlite:///{out / DEMO_FILE}"
    print(f"northstar demo: sample business “{workspace.name}”, 26 weeks, in its own database "
          f"{out / DEMO_FILE} (never posted to Slack)")
    print(f"digest of {week} written to {out.resolve()}/:")
    for path in files:
        print(f"  {path.name}")
    print(f"\nopen {out / 'digest.txt'} to read it; `DATABASE_URL={url} northstar report "
          f"--week {week} --team {DEMO_TEAM}` shows the KPIs.")
    return 0
