"""`/kpi digest post` for a paused week: refused with an ephemeral answer, nothing posted."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.models import Digest
from tests.bot.helpers import ack_text

ANSWERS = {"de": "⏸️ 2026-W46 ist pausiert: für eine pausierte Woche wird kein Digest gepostet",
           "en": "⏸️ 2026-W46 is paused: no digest is posted for a paused week"}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_posting_a_paused_week_is_refused(bot, lang):
    for words in ("settings channel <#C0KPI|kpi>", f"settings language {lang}", "record revenue 1200",
                  "pause 2026-W46"):
        _, body, _ = bot.slack.command("/kpi", words)
        assert "✅" in ack_text(body) or "⏸️" in ack_text(body), ack_text(body)
    url = bot.fake.response_url("post")
    status, _, _ = bot.slack.command("/kpi", "digest post", response_url=url)
    assert status == 200
    [answer] = bot.fake.wait_for_response(timeout=30)
    assert answer["text"].startswith(ANSWERS[lang]) and answer["response_type"] == "ephemeral"
    assert bot.fake.top_level_posts() == []
    with bot.db.reader() as session:
        assert session.scalars(select(Digest)).all() == []
