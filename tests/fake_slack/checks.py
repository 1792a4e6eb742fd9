"""How the fake Slack reads a call's arguments and checks them as Slack would."""

from __future__ import annotations

import contextlib
import json
import urllib.parse

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from tests.fake_slack.records import MESSAGE_BLOCK_LIMIT, REQUIRED, TEXT_LIMIT, VIEW_BLOCK_LIMIT


def args_of(query: str, body: bytes, content_type: str) -> dict:
    args = dict(urllib.parse.parse_qsl(query))
    if body and "application/json" in content_type:
        args.update(json.loads(body))
    elif body:
        args.update(urllib.parse.parse_qsl(body.decode()))
    for key in ("blocks", "view", "files", "attachments", "metadata"):
        if isinstance(args.get(key), str):
            with contextlib.suppress(json.JSONDecodeError):
                args[key] = json.loads(args[key])
    return args

def violation(method: str, args: dict) -> str | None:
    """Slack's own checks, or what would make Slack render nothing useful."""
    for name in REQUIRED.get(method, ()):
        if args.get(name) in (None, ""):
            return f"invalid_arguments: {name} missing"
    if method.startswith("chat.post") and not (args.get("text") or args.get("blocks")):
        return "invalid_arguments: text or blocks required"
    if len(str(args.get("text") or "")) > TEXT_LIMIT:
        return "msg_too_long"
    if "metadata" in args:
        problem = _check_metadata(args["metadata"])
        if problem:
            return problem
    if "blocks" in args:
        problem = _check_blocks(args["blocks"], MESSAGE_BLOCK_LIMIT)
        if problem:
            return problem
    if "view" in args:
        view = args["view"]
        problem = _check_blocks(view.get("blocks", []), VIEW_BLOCK_LIMIT)
        if problem:
            return problem
        try:
            View(**view).validate_json()
        except Exception as error:  # noqa: BLE001 - any model error is a violation
            return f"invalid_arguments: view: {error}"
    return None

def _check_metadata(metadata) -> str | None:
    """Slack's message metadata: an event_type and an event_payload object."""
    if not isinstance(metadata, dict):
        return "invalid_metadata_format: not an object"
    event_type = metadata.get("event_type")
    if not isinstance(event_type, str) or not event_type:
        return "invalid_metadata_format: event_type missing"
    if not isinstance(metadata.get("event_payload"), dict):
        return "invalid_metadata_format: event_payload must be an object"
    if len(json.dumps(metadata)) > 8_000:
        return "metadata_too_large"
    return None

def _check_blocks(blocks, limit: int) -> str | None:
    if not isinstance(blocks, list):
        return "invalid_blocks: not a list"
    if len(blocks) > limit:
        return f"invalid_blocks: {len(blocks)} blocks, at most {limit}"
    for block in blocks:
        try:
            parsed = Block.parse(block)
            if parsed is None:
                return f"invalid_blocks: unknown block {block.get('type')}"
            parsed.validate_json()
            parsed.to_dict()
        except Exception as error:  # noqa: BLE001 - any model error is a violation
            return f"invalid_blocks: {error}"
    return None
