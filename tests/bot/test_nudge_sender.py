"""Sending nudges in OAuth mode: a workspace whose client cannot be had (token refresh refused,
a token no key opens) leaves its nudges retryable, never stuck as claimed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography.fernet import InvalidToken
from sqlalchemy import select

from bot.nudge_sender import NudgeJob
from storage.owners_tables import Nudge
from tests.bot.conftest import MovableClock
from tests.bot.oauth_helpers import install, start_oauth_bot
from tests.ritual.nudge_world import BEN, NUDGE_MOMENT, seed_world

TEAM = "T1NUDGE"


@pytest.fixture
def bot(sqlite_url, fake_slack):
    running = start_oauth_bot(sqlite_url, fake_slack, MovableClock(NUDGE_MOMENT + timedelta(minutes=1)))
    seed_world(running.db, TEAM)
    yield running
    running.stop()


def nudge_rows(bot) -> list[tuple[str, str, int]]:
    with bot.db.reader() as session:
        return [(row.user_id, row.status, row.attempts) for row in session.scalars(select(Nudge))]


def test_a_refused_token_refresh_is_retried_after_the_backoff(bot):
    install(bot, TEAM, "U0OWNER", rotating=True, expires_in=60)  # every client is refreshed first
    bot.fake.http_error_next("oauth.v2.access", 500)
    job = NudgeJob(bot.deps, bot.clients, "test")
    assert job.tick() == []
    assert nudge_rows(bot) == [(BEN, "failed", 1)]
    bot.clock.advance(minutes=5)
    assert job.tick() == [(TEAM, BEN)]
    assert nudge_rows(bot) == [(BEN, "sent", 2)]
    assert len(bot.fake.messages_in("D0BEN")) == 1


class BrokenClients:
    """A workspace whose stored token no key opens, once."""

    def __init__(self, clients) -> None:
        self.clients, self.failures = clients, 1

    def for_team(self, team_id: str):
        if self.failures:
            self.failures -= 1
            raise InvalidToken()
        return self.clients.for_team(team_id)


def test_an_unreadable_token_is_a_retryable_failure(bot):
    install(bot, TEAM, "U0OWNER")
    job = NudgeJob(bot.deps, BrokenClients(bot.clients), "test")
    assert job.tick() == []
    assert nudge_rows(bot) == [(BEN, "failed", 1)]
    bot.clock.advance(minutes=5)
    assert job.tick() == [(TEAM, BEN)]
    assert nudge_rows(bot) == [(BEN, "sent", 2)]
