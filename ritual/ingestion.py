"""Ingesting events pushed by automations: each event on its own, idempotent by external_id,
stored in short transactions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from capture.errors import InputError
from capture.events import parse_event
from capture.inputs import AnyInput
from ritual.context import parse_context
from ritual.deps import Deps
from storage.entries import Provenance
from storage.entry_batches import add_in_chunks
from storage.models import Workspace
from storage.workspaces import workspace_for_token


@dataclass
class IngestResult:
    """Every event of a batch by its index: accepted, duplicate, or rejected with a problem."""

    accepted: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    rejected: list[tuple[dict, InputError]] = field(default_factory=list)

    def as_json(self, render: Callable[[InputError], str]) -> dict:
        return {"accepted": sorted(self.accepted, key=lambda item: item["index"]),
                "duplicates": sorted(self.duplicates, key=lambda item: item["index"]),
                "rejected": [{**item, "error": render(error)} for item, error in self.rejected]}


def team_for_token(deps: Deps, token: str) -> str | None:
    """The workspace a bearer token belongs to (checked before the body is read)."""
    if not token:
        return None
    with deps.db.reader() as session:
        workspace = workspace_for_token(session, token)
        return workspace.id if workspace is not None else None


def ingest_events(deps: Deps, team_id: str, events: list) -> IngestResult:
    """Validate and store a batch; good events are stored even when others are rejected.

    Events are read and checked before any write; the good ones are then stored in chunks,
    each its own transaction (storage.entry_batches: on SQLite 100 at a time), so a command
    waits a few milliseconds for the write lock, not a whole batch. Should storing fail midway, the
    events stored before are duplicates when the batch is sent again: none is stored twice."""
    now = deps.now()
    result = IngestResult()
    with deps.db.reader() as session:
        workspace = session.get(Workspace, team_id)
        ctx = replace(parse_context(session, workspace, now), lang="en")
        zone = ZoneInfo(workspace.timezone)
    valid: list[tuple[dict, AnyInput, Provenance]] = []
    seen: set[str] = set()
    for index, event in enumerate(events):
        external_id = event.get("external_id") if isinstance(event, dict) else None
        item = {"index": index, "external_id": external_id if isinstance(external_id, str) else None}
        try:
            if not isinstance(event, dict):
                raise InputError("event_not_object")
            _, entry = parse_event(event, ctx, zone)
        except InputError as error:
            result.rejected.append((item, error))
            continue
        if external_id in seen:
            result.duplicates.append(item)
            continue
        seen.add(external_id)
        valid.append((item, entry, Provenance(entered_by=None, entered_at=now,
                                              source="ingest", external_id=external_id)))
    stored = add_in_chunks(deps.db, team_id, [(e, o) for _, e, o in valid])
    for (item, _, _), was_stored in zip(valid, stored, strict=True):
        (result.accepted if was_stored else result.duplicates).append(item)
    return result
