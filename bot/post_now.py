"""`/kpi digest post`: post the due digest now, through the same claim as the scheduler."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.scheduler import DigestScheduler, due_digest
from bot.services import Services, workspace_of
from metrics.weeks import IsoWeek
from storage.digests import claim_digest, get_digest, reclaim_digest


def post_due_digest_now(services: Services, client: WebClient, team_id: str) -> str:
    """Post the week that is due now unless it is posted already; returns a text key."""
    with services.db.session() as session:
        workspace = workspace_of(session, team_id, services.now())
        week = due_digest(workspace, services.now()).week
    return post_week_now(services, client, team_id, week)


def post_week_now(services: Services, client: WebClient, team_id: str, week: IsoWeek) -> str:
    """Post a week's digest unless it is posted already; returns a text key."""
    now = services.now()
    scheduler = DigestScheduler(services, client)
    with services.db.session() as session:
        workspace = workspace_of(session, team_id, now)
        if not workspace.kpi_channel:
            return "digest_no_channel"
        digest = get_digest(session, team_id, str(week))
        if digest is None:
            digest = claim_digest(session, team_id, str(week), scheduler.name, now)
        elif digest.status == "failed":
            digest.next_attempt_at = now
            digest = digest if reclaim_digest(session, digest, scheduler.name, now) else None
        else:
            digest = None
        if digest is None:
            return "digest_already"
        digest_id = digest.id
    return "digest_posted" if scheduler.post(team_id, digest_id, now) else "digest_failed"
