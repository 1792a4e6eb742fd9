"""The n8n workflow in docs/automations sends what the ingestion endpoint accepts."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from tests.bot.helpers import live_entries
from tests.bot.test_ingest import make_token, post

WORKFLOW = Path(__file__).resolve().parents[2] / "docs" / "automations" / "n8n-shop-orders.json"
# A WooCommerce "order created" webhook, as n8n's webhook node hands it on ($json.body).
ORDER = {"body": {"id": 4711, "date_created_gmt": "2026-11-20T13:33:00", "total": "89.90"}}


def render(expression: str, item: dict, env: dict) -> str:
    """An n8n expression ("=…{{ $json.a.b }}…{{ $env.X }}…") with the item's values put in."""
    def value(match: re.Match) -> str:
        root, *path = match.group(1).split(".")
        current = item if root == "$json" else env
        for key in path:
            current = current[key]
        return str(current)

    assert expression.startswith("="), "n8n evaluates only values that start with ="
    return re.sub(r"\{\{\s*(\$(?:json|env)(?:\.\w+)+)\s*\}\}", value, expression[1:])


def sender(workflow: dict) -> dict:
    (node,) = [n for n in workflow["nodes"] if n["type"] == "n8n-nodes-base.httpRequest"]
    return node["parameters"]


def test_the_workflow_connects_the_webhook_to_the_request():
    workflow = json.loads(WORKFLOW.read_text())
    names = {node["name"]: node["type"] for node in workflow["nodes"]}
    (source,) = workflow["connections"]
    (target,) = [link["node"] for link in workflow["connections"][source]["main"][0]]
    assert names[source] == "n8n-nodes-base.webhook"
    assert names[target] == "n8n-nodes-base.httpRequest"


def test_an_order_sent_by_the_workflow_is_stored_once_as_order_and_revenue(bot):
    token = make_token(bot)
    params = sender(json.loads(WORKFLOW.read_text()))
    env = {"NORTHSTAR_URL": bot.base_url, "NORTHSTAR_TOKEN": token}
    assert render(params["url"], ORDER, env) == f"{bot.base_url}/ingest/v1/events"
    (header,) = params["headerParameters"]["parameters"]
    assert header["name"] == "Authorization"
    assert render(header["value"], ORDER, env) == f"Bearer {token}"
    body = json.loads(render(params["jsonBody"], ORDER, env))

    status, answer = post(bot, body, token)
    again_status, again = post(bot, body, token)  # n8n retried the execution

    assert status == 200 and len(answer["accepted"]) == 2 and answer["rejected"] == []
    assert again_status == 200 and len(again["duplicates"]) == 2 and again["accepted"] == []
    stored = {entry.metric: entry for entry in live_entries(bot.db)}
    assert stored["orders"].quantity == 1 and stored["revenue"].quantity == Decimal("89.90")
    assert stored["revenue"].occurred_on.isoformat() == "2026-11-20"
