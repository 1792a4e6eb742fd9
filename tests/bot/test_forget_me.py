"""`/kpi forget-me` in German and English: ask with a button, then forget, then say what."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text

from bot.surfaces.forget_me import FORGET_CANCEL_ACTION, FORGET_CONFIRM_ACTION
from storage.models import Entry, Goal, Workspace
from tests.bot.helpers import ack_json, assert_valid_blocks, button_payload
from tests.ritual.lifecycle_seed import seed_workspace

TEAM = "T0ACCEPT"
WORDS = {
    "de": {"ask": ["1 Notiz(en) von dir löschen", "von 1 Eintrag", "von 1 gelöschten", "von 1 Ziel",
                   "nicht", "von 1 Installation"],
           "done": "1 Notiz(en) gelöscht; dein Name von 1 Eintrag/Einträgen, 1 Löschung(en), "
                   "1 Ziel(en) und 1 Änderung(en) entfernt",
           "nothing": "nichts zu vergessen", "cancelled": "Abgebrochen", "not_yours": "nur die Person"},
    "en": {"ask": ["delete 1 note(s)", "off 1 entr", "off 1 deletion", "off 1 goal",
                   "Messages already posted in Slack", "off 1 installation"],
           "done": ("1 note(s) deleted; your name taken off 1 entr(y/ies), 1 deletion(s), "
                    "1 goal(s) and 1 change(s)"),
           "nothing": "nothing to forget", "cancelled": "Cancelled", "not_yours": "Only the person"},
}


def seeded(bot, lang: str) -> None:
    with bot.db.session() as session:
        seed_workspace(session, TEAM, bot.clock())
        seed_workspace(session, "T0OTHER", bot.clock())
        session.get(Workspace, TEAM).language = lang


def rows(bot, team: str = TEAM) -> list[tuple]:
    with bot.db.reader() as session:
        entries = session.scalars(select(Entry).where(Entry.workspace_id == team).order_by(Entry.id))
        goals = session.scalars(select(Goal).where(Goal.workspace_id == team))
        return ([(e.kind, e.quantity, e.entered_by, e.deleted_by) for e in entries]
                + [("goal", g.target, g.set_by) for g in goals])


def installers(bot, team: str = TEAM) -> list[str]:
    with bot.db.reader() as session:
        return list(session.scalars(text("SELECT user_id FROM slack_installations WHERE team_id = :team"),
                                    {"team": team}))


def ask(bot) -> dict:
    status, body, _ = bot.slack.command("/kpi", "forget-me", user_id="U0OWNER")
    assert status == 200
    return ack_json(body)


def click(bot, action: str, value: str = "U0OWNER", user: str = "U0OWNER") -> dict:
    url = bot.fake.response_url(action)
    before = len(bot.fake.responses)
    bot.slack.action(button_payload(action, value, user_id=user, response_url=url))
    return bot.fake.wait_for_response(before + 1)[-1]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_forget_me_asks_then_removes_authorship_and_notes(bot, lang):
    seeded(bot, lang)
    other = rows(bot, "T0OTHER")
    question = ask(bot)
    assert_valid_blocks(question["blocks"])
    text = json.dumps(question, ensure_ascii=False)
    assert all(words in text for words in WORDS[lang]["ask"]), text
    assert FORGET_CONFIRM_ACTION in text and FORGET_CANCEL_ACTION in text
    assert len(rows(bot)) == 4, "nothing changes before the click"
    answer = click(bot, FORGET_CONFIRM_ACTION)
    assert WORDS[lang]["done"] in answer["text"] and answer["replace_original"] is True
    kinds = {row[0]: row for row in rows(bot)}
    assert "note" not in kinds
    assert kinds["cost"][2] is None and kinds["goal"][2] is None
    assert kinds["metric"][2:] == ("U0OTHER", None), "another person's entry stays theirs"
    assert rows(bot, "T0OTHER") == other
    assert installers(bot) == ["forgotten"], "who installed the app is forgotten too"
    assert installers(bot, "T0OTHER") == ["U0OWNER"]
    assert WORDS[lang]["nothing"] in ask(bot)["text"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_cancel_and_a_strangers_click_change_nothing(bot, lang):
    seeded(bot, lang)
    before = rows(bot)
    ask(bot)
    assert WORDS[lang]["not_yours"].lower() in click(bot, FORGET_CONFIRM_ACTION,
                                                     user="U0STRANGER")["text"].lower()
    assert WORDS[lang]["cancelled"] in click(bot, FORGET_CANCEL_ACTION)["text"]
    assert rows(bot) == before
