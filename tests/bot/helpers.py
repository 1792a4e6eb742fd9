"""Small helpers for driving the bot in tests."""

from __future__ import annotations

import copy
import json

from slack_sdk.models.blocks import Block
from sqlalchemy import func, select

from storage.models import Entry
from tests.slack_requests import load_payload


def ack_json(body: str) -> dict:
    """The JSON of an acknowledgement (empty acks are {})."""
    return json.loads(body) if body.strip() else {}


def ack_text(body: str) -> str:
    """All text of an acknowledgement: its text and its blocks' texts."""
    data = ack_json(body)
    return data.get("text", "") + "\n" + json.dumps(data.get("blocks", []), ensure_ascii=False)


def assert_valid_blocks(blocks: list[dict]) -> None:
    """Every block survives slack_sdk's parse and round trip, and there are at most 50."""
    assert len(blocks) <= 50
    for block in blocks:
        assert Block.parse(block).to_dict() == block


def live_entries(db, team_id: str = "T0ACCEPT") -> list[Entry]:
    with db.session() as session:
        return list(session.scalars(select(Entry).where(
            Entry.workspace_id == team_id, Entry.deleted_at.is_(None)).order_by(Entry.id)))


def entry_count(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Entry))


def button_payload(action_id: str, value: str, user_id: str = "U0OWNER",
                   response_url: str | None = None) -> dict:
    """Slack's block_actions payload with our button in it."""
    payload = copy.deepcopy(load_payload("block_actions"))
    payload["user"]["id"] = user_id
    payload["actions"] = [{"type": "button", "action_id": action_id, "block_id": "b",
                           "value": value, "action_ts": "1700000000.1"}]
    if response_url:
        payload["response_url"] = response_url
    return payload


def view_submission_payload(callback_id: str, values: dict[str, dict],
                            private_metadata: str = "{}", user_id: str = "U0OWNER") -> dict:
    """Slack's view_submission payload with our form's state."""
    payload = copy.deepcopy(load_payload("view_submission"))
    payload["user"]["id"] = user_id
    payload["view"]["callback_id"] = callback_id
    payload["view"]["private_metadata"] = private_metadata
    payload["view"]["state"]["values"] = {block: {"value": element}
                                          for block, element in values.items()}
    return payload
