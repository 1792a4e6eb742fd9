"""The demo's owners and paused week (called from storage/sample_business.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import delete

from metrics.weeks import IsoWeek
from storage.models import Entry
from storage.owners import pause_weeks, set_owner

PAUSED_WEEKS_AGO = 8
OWNERS = {"orders": "U0BEN", "revenue": "U0BEN", "costs": "U0ANNA", "hours": "U0ANNA",
          "leads": "U0BEN", "error_rate_per_100": "U0BEN"}


def seed_owners_and_pause(session, workspace_id: str, this_monday: date, now: datetime) -> None:
    """Owners for the shop's inputs, a paused week (the founders' autumn break: no digest, no
    nudges, out of the baselines; its few entries stay), and last week's leads not recorded
    yet, so that the digest names their owner."""
    for subject, user in OWNERS.items():
        set_owner(session, workspace_id, subject, user, "U0ANNA", now)
    holiday = IsoWeek.of(this_monday - timedelta(weeks=PAUSED_WEEKS_AGO))
    pause_weeks(session, workspace_id, [str(holiday)], "U0ANNA", now)
    last_week = IsoWeek.of(this_monday - timedelta(weeks=1))
    session.execute(delete(Entry).where(
        Entry.workspace_id == workspace_id, Entry.metric.in_(("leads", "qualified_leads")),
        Entry.occurred_on >= last_week.start, Entry.occurred_on <= last_week.end))
