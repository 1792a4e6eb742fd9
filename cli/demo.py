"""`northstar demo`: a sample micro-business in the embedded database, and its latest digest."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from cli.common import open_database
from cli.reports import write_digest, write_home
from metrics.weeks import IsoWeek
from ritual.digest_data import gather
from storage.clock import utc_now
from storage.models import Workspace
from storage.sample_business import DEMO_TEAM, seed_sample_business
from storage.sample_ritual import seed_posted_digests


def cmd_demo(args) -> int:
    return run_demo(Path(args.out))


def run_demo(out: Path) -> int:
    """Seed (afresh) the demo workspace, then write last week's digest to `out`."""
    db, now = open_database(), utc_now()
    with db.session() as session:
        existing = session.get(Workspace, DEMO_TEAM)
        if existing is not None:
            session.delete(existing)
    with db.session() as session:
        today = now.astimezone(ZoneInfo("Europe/Berlin")).date()
        workspace = seed_sample_business(session, today, now)
        seed_posted_digests(session, workspace, IsoWeek.of(today).start)
    with db.session() as session:
        workspace = session.get(Workspace, DEMO_TEAM)
        week = IsoWeek.of(today).previous()
        data = gather(session, workspace, week, now)
        files = write_digest(data, out)
        files.append(write_home(session, workspace, IsoWeek.of(today), out))
    print(f"northstar demo: sample business “{workspace.name}”, 26 weeks, "
          f"database {db.engine.url.render_as_string(hide_password=True)}")
    print(f"digest of {week} written to {out.resolve()}/:")
    for path in files:
        print(f"  {path.name}")
    print(f"\nopen {out / 'digest.txt'} to read it; `northstar report --week {week} --team "
          f"{DEMO_TEAM}` shows the KPIs.")
    return 0
