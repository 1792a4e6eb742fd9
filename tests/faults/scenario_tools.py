"""Small helpers the fault-injection tests share."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import func, select

from storage.db import Database
from storage.models import Entry
from storage.workspaces import ensure_workspace, rotate_ingest_token
from tests.fake_slack import UPLOAD

INSTALLED = datetime(2026, 11, 20, tzinfo=UTC)
MONDAY_0901_BERLIN = datetime(2026, 11, 23, 8, 1, tzinfo=UTC)
CHANNEL = "C0KPI"


def wait_until(check, timeout: float, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(interval)
    return check()


def snippet(text: str, length: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[:length - 1] + "…"


def answer_text(body: str) -> str:
    try:
        return json.loads(body).get("text", "")
    except ValueError:
        return body


def step_name(step: str) -> str:
    return "upload URL" if step == UPLOAD else step


def classify(status: int, body: str) -> str:
    """saved, refused (not saved, try again) or unanswered, from the command's HTTP answer."""
    if status != 200 or not body.strip():
        return "unanswered"
    try:
        answer = json.loads(body)
    except ValueError:
        return "unanswered"
    text = answer.get("text", "")
    lowered = text.lower()
    if "nicht* gespeichert" in lowered or "not* saved" in lowered or "nicht gespeichert" in lowered:
        return "refused" if ("noch einmal" in lowered or "try again" in lowered) else "unclear"
    if text.startswith("✅"):
        return "saved"
    return "unclear"


# Ingestion over HTTP, and what it stored


def workspace_with_token(database_url: str, team_id: str, **settings) -> str:
    db = Database(database_url)
    try:
        with db.session() as session:
            workspace = ensure_workspace(session, team_id, INSTALLED, **settings)
            token = rotate_ingest_token(session, workspace)
    finally:
        db.dispose()
    return token


def ingest(base_url: str, token: str, body: bytes, timeout: float = 20.0) -> tuple[int, dict]:
    request = urllib.request.Request(f"{base_url}/ingest/v1/events", data=body, method="POST",
                                     headers={"Authorization": f"Bearer {token}",
                                              "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        text = error.read()
        try:
            return error.code, json.loads(text or b"{}")
        except ValueError:
            return error.code, {"raw": text.decode(errors="replace")}


def stored_external_ids(database_url: str, team_id: str) -> Counter:
    db = Database(database_url)
    try:
        with db.reader() as session:
            rows = session.execute(
                select(Entry.external_id, func.count()).where(Entry.workspace_id == team_id)
                .group_by(Entry.external_id))
            return Counter({external_id: count for external_id, count in rows})
    finally:
        db.dispose()
