"""CSV rows of the ritual's people: paused weeks and owners (kinds `pause` and `owner`).

`pause`: name is the ISO week (`2026-W52`). `owner`: name is the input or KPI, description
the Slack user id. Both go through the same import as settings and goals (admins only).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from capture.errors import InputError
from metrics.vocabulary import KPI_KEYS
from metrics.weeks import IsoWeek
from storage.owners import OWNABLE_INPUTS, pause_weeks, set_owner
from storage.owners_tables import InputOwner, PausedWeek

RITUAL_KINDS = ("pause", "owner")
USER_ID = re.compile(r"^[UW][A-Z0-9]{2,30}$")


def check_ritual_row(kind: str, name: str, text: str,
                     own: Collection[str] = ()) -> tuple[str, str]:
    """(name, text) of a valid pause or owner row (owners of the workspace's own metrics too);
    raises InputError."""
    if kind == "pause":
        try:
            return str(IsoWeek.parse(name.upper())), ""
        except ValueError as error:
            raise InputError("csv_bad_pause", name=name) from error
    if name.lower() not in (*OWNABLE_INPUTS, *KPI_KEYS, *own) or not USER_ID.match(text):
        raise InputError("csv_bad_owner", name=name, user=text)
    return name.lower(), text


def import_ritual_row(session: Session, workspace_id: str, kind: str, name: str, text: str,
                      user: str | None, now: datetime) -> None:
    if kind == "pause":
        pause_weeks(session, workspace_id, [name], user or "", now)
    else:
        set_owner(session, workspace_id, name, text, user or "", now)


def ritual_rows(session: Session, workspace_id: str) -> list[dict[str, str]]:
    """A workspace's paused weeks and owners as CSV rows."""
    pauses = session.scalars(select(PausedWeek.week).where(
        PausedWeek.workspace_id == workspace_id).order_by(PausedWeek.week))
    owners = session.execute(select(InputOwner.subject, InputOwner.user_id).where(
        InputOwner.workspace_id == workspace_id).order_by(InputOwner.subject))
    return ([{"kind": "pause", "name": week} for week in pauses]
            + [{"kind": "owner", "name": subject, "description": user_id}
               for subject, user_id in owners])
