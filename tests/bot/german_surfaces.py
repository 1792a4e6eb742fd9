"""Rendering every surface of a German workspace as text, and the English vocabulary keys that
must not show in it."""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, date, datetime

from bot.digest.blocks import digest_blocks
from bot.digest.text import digest_text
from bot.digest.thread import thread_blocks
from bot.surfaces.home import home_text, home_view
from capture.vocabulary import CATEGORY_ALIASES, CAUSES
from cli.reports import report_table
from metrics.vocabulary import (
    ACTIVITIES,
    COST_CLASSES,
    DEFAULT_CATEGORY_CLASSES,
    NOTE_KINDS,
    RECORDED_METRICS,
    RECURRENCES,
)
from metrics.weeks import IsoWeek
from ritual.digest_data import gather
from ritual.scorecard_grid import build_grid
from storage.models import Workspace
from storage.sample_business import DEMO_TEAM, seed_sample_business
from tests.slack_requests import load_payload

NOW = datetime(2026, 11, 23, 8, tzinfo=UTC)
WEEK = IsoWeek.parse("2026-W47")

# English keys that are also the German word, so a German text may say them.
SAME_IN_GERMAN = {
    "marketing": "„Marketing“ is the German word too",
    "tickets": "„Tickets“ is the German word too",
    "leads": "„Leads“ is how German shops say it",
    "likes": "„Likes“ is how German social media says it",
    "tools": "„Tools“ is the German word too (cost category)",
    "software": "„Software“ is the German word too (cost category)",
    "freelancer": "„Freelancer“ is the German word too (cost category)",
    "admin": "„Admin“ is the German word for a workspace admin",
    "blocker": "„Blocker“ is the German word for an impediment (note kind)",
    "variable": "„Variable Kosten“ is German; the class itself reads „variabel“",
}


def english_keys() -> set[str]:
    """Every built-in word whose display a German workspace translates."""
    keys = {*RECORDED_METRICS, *ACTIVITIES, *COST_CLASSES, *DEFAULT_CATEGORY_CLASSES, *CAUSES,
            *NOTE_KINDS, *RECURRENCES}
    return keys - set(CATEGORY_ALIASES) - set(SAME_IN_GERMAN)


def english_found(text: str) -> dict[str, list[str]]:
    """Each English key in the text (as a whole word, any case), with where it stands."""
    found: dict[str, list[str]] = {}
    for key in sorted(english_keys()):
        for match in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", text,
                                 re.IGNORECASE):
            found.setdefault(key, []).append(text[max(0, match.start() - 40):match.end() + 40])
    return found


def visible(message: object) -> str:
    """What a person reads of a Slack message, view or block list: every `text`, one a line."""
    if isinstance(message, dict):
        return "\n".join(value if key == "text" and isinstance(value, str) else visible(value)
                         for key, value in message.items())
    if isinstance(message, list):
        return "\n".join(visible(item) for item in message)
    return ""


def seeded_demo(db) -> None:
    with db.session() as session:
        seed_sample_business(session, date(2026, 11, 23), NOW)


def digest_surfaces(db) -> dict[str, str]:
    """The demo's digest (channel message, thread, readable text), App Home and report text."""
    with db.reader() as session:
        workspace = session.get(Workspace, DEMO_TEAM)
        data = gather(session, workspace, WEEK, NOW)
        grid = build_grid(session, workspace, WEEK, 13)
    return {"digest channel message": visible(digest_blocks(data)),
            "digest thread": visible(thread_blocks(data)),
            "digest text": digest_text(data),
            "App Home": visible(home_view(grid)),
            "App Home as text": home_text(grid),
            "northstar report": report_table(data)}


def command_answer(bot, command: str, text: str, team: str = "T0ACCEPT") -> str:
    """The acknowledgement of a slash command, or what it sent later: to its response_url
    (`/kpi report`) or as a form (`/kpi settings`)."""
    before, forms = len(bot.fake.responses), len(bot.fake.calls_to("views.open"))
    _, body, _ = bot.slack.command(command, text, team_id=team,
                                   response_url=bot.fake.response_url("answer"))
    if body.strip():
        return visible(json.loads(body))
    if text.startswith("settings"):
        return visible(bot.fake.wait_for("views.open", count=forms + 1)[-1].args["view"])
    return visible(bot.fake.wait_for_response(count=before + 1)[before:])


def csv_event(bot, content: bytes, file_id: str = "F111") -> dict:
    payload = copy.deepcopy(load_payload("event_file_share_dm"))
    url = bot.fake.host_file(file_id, content)
    payload["event_id"] = f"Ev0{file_id}"  # each file is its own event
    payload["event"]["ts"] = payload["event"]["event_ts"] = f"1763630201.{file_id[1:]}"
    payload["event"]["files"][0].update(id=file_id, name="daten.csv", filetype="csv",
                                        url_private=url, url_private_download=url)
    return payload
