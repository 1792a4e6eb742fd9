"""Due work from the database: SKIP LOCKED on PostgreSQL, the migration's backfill, retries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from storage.db import Database
from storage.due_work import lock_due_workspace, lock_workspace, retry_candidates
from storage.migrate import upgrade
from storage.models import Digest, Workspace

NOW = datetime(2026, 11, 23, 8, 1, tzinfo=UTC)


def add_workspaces(db: Database, *due: tuple[str, datetime, str | None]) -> None:
    with db.session() as session:
        for team, next_at, channel in due:
            session.add(Workspace(id=team, created_at=NOW - timedelta(days=30),
                                  kpi_channel=channel, next_digest_at=next_at))


def test_the_longest_due_workspace_with_a_channel_comes_first(database_url):
    db = Database(database_url)
    add_workspaces(db, ("TLATER", NOW + timedelta(minutes=1), "C1"),
                   ("TNOCHANNEL", NOW - timedelta(days=9), None),
                   ("TDUE", NOW - timedelta(minutes=1), "C1"),
                   ("TOLDER", NOW - timedelta(hours=1), "C1"))
    with db.session() as session:
        assert lock_due_workspace(session, NOW).id == "TOLDER"
        assert lock_due_workspace(session, NOW, skip={"TOLDER"}).id == "TDUE"
        assert lock_due_workspace(session, NOW, skip={"TOLDER", "TDUE"}) is None
    db.dispose()


@pytest.mark.postgres
def test_a_workspace_locked_by_another_process_is_skipped_without_waiting(postgres_url):
    db, other = Database(postgres_url), Database(postgres_url)
    add_workspaces(db, ("TA", NOW - timedelta(hours=1), "C1"), ("TB", NOW, "C1"))
    with other.session() as holder, db.session() as session:
        session.execute(text("SET LOCAL lock_timeout = '2s'"))
        assert lock_due_workspace(holder, NOW).id == "TA"
        assert lock_due_workspace(session, NOW).id == "TB"
        assert lock_workspace(session, "TA") is None
    db.dispose()
    other.dispose()


def test_retry_candidates_are_failed_or_stale_digests_of_the_last_week(database_url):
    db = Database(database_url)
    add_workspaces(db, *((team, NOW + timedelta(days=7), "C1")
                         for team in ("TFAILED", "TSTALE", "TBUSY", "TWAIT", "TOLD", "TPOSTED")))
    rows = {
        "TFAILED": dict(status="failed", claimed_at=NOW - timedelta(minutes=5),
                        next_attempt_at=NOW - timedelta(seconds=1)),
        "TWAIT": dict(status="failed", claimed_at=NOW - timedelta(minutes=5),
                      next_attempt_at=NOW + timedelta(minutes=3)),
        "TSTALE": dict(status="claimed", claimed_at=NOW - timedelta(minutes=11)),
        "TBUSY": dict(status="claimed", claimed_at=NOW - timedelta(minutes=1)),
        "TOLD": dict(status="failed", claimed_at=NOW - timedelta(days=9),
                     next_attempt_at=NOW - timedelta(days=8)),
        "TPOSTED": dict(status="posted", claimed_at=NOW - timedelta(minutes=30)),
    }
    with db.session() as session:
        for team, row in rows.items():
            session.add(Digest(workspace_id=team, week="2026-W47", attempts=1, **row))
    with db.reader() as session:
        assert retry_candidates(session, NOW) == ["TFAILED", "TSTALE"]
    db.dispose()


def test_the_migration_backfills_the_next_due_time(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(db.engine, "0004")
    rows = (("TFUTURE", "Europe/Berlin", datetime(2099, 1, 1, 12, 0)),  # a Thursday
            ("TOLD", "Asia/Tokyo", datetime(2020, 1, 1)), ("TBROKEN", "Mars/Base", NOW))
    with db.engine.begin() as connection:
        for team, zone, created in rows:
            connection.execute(text(
                "INSERT INTO workspaces (id, timezone, language, currency, digest_weekday, "
                "digest_time, north_star, payback_ceiling, comment_weight, created_at) "
                "VALUES (:id, :zone, 'de', 'EUR', 0, '09:00', 'revenue', 12, 5, :created)"),
                {"id": team, "zone": zone, "created": created})
    upgrade(db.engine)
    with db.reader() as session:
        future, old, broken = (session.get(Workspace, team) for team, _, _ in rows)
        assert future.next_digest_at == datetime(2099, 1, 5, 8, 0, tzinfo=UTC)
        tokyo = old.next_digest_at.astimezone(ZoneInfo("Asia/Tokyo"))
        assert (tokyo.weekday(), tokyo.hour) == (0, 9)
        assert timedelta(0) <= datetime.now(UTC) - old.next_digest_at < timedelta(days=7)
        assert broken.next_digest_at == datetime(1970, 1, 1, tzinfo=UTC)
    db.dispose()
