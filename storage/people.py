"""A person's traces in a workspace: the columns that name a Slack user, and forgetting them."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from storage.edit_tables import EntryEdit, GoalChange
from storage.import_tables import ImportMapping, ImportRecord, ImportRule
from storage.models import Entry, Goal
from storage.own_tables import FocusQuestions, OwnMetric
from storage.owners_tables import AwayPerson, InputOwner, KnownNone, Nudge, PausedWeek

# Every column that holds the Slack user id of a person; forget-me sets each to NULL.
# A table added later that names people adds its columns here.
PERSON_COLUMNS: dict[str, InstrumentedAttribute] = {
    "entered_by": Entry.entered_by,
    "deleted_by": Entry.deleted_by,
    "set_by": Goal.set_by,
    "goal_history_set_by": GoalChange.set_by,
    "edited_by": EntryEdit.edited_by,
    "owner_set_by": InputOwner.set_by,
    "pause_set_by": PausedWeek.set_by,
    "known_none_by": KnownNone.recorded_by,
    "import_created_by": ImportRecord.created_by,
    "mapping_created_by": ImportMapping.created_by,
    "rule_created_by": ImportRule.created_by,
    "own_metric_created_by": OwnMetric.created_by,
    "questions_set_by": FocusQuestions.set_by,
}
# Who installed the app (slack_sdk's installation rows; the column may not be NULL): replaced.
INSTALLATIONS = sa.table("slack_installations", sa.column("team_id"), sa.column("user_id"))
FORGOTTEN_INSTALLER = "forgotten"  # not a Slack user id (those are upper case)
# Rows that exist only because of the person (ownerships, away marks, nudges): deleted.
PERSON_ROWS: dict[str, InstrumentedAttribute] = {
    "owned_inputs": InputOwner.user_id,
    "away": AwayPerson.user_id,
    "nudges": Nudge.user_id,
}


def _notes_of(team_id: str, user_id: str):
    return (Entry.workspace_id == team_id, Entry.kind == "note", Entry.entered_by == user_id)


def _scope(column: InstrumentedAttribute, team_id: str, user_id: str):
    return (column.class_.workspace_id == team_id, column == user_id)


def traces(session: Session, team_id: str, user_id: str) -> dict[str, int]:
    """How many notes of the person would be deleted, and how many rows name them per column
    (their notes not counted again)."""
    counts = {"notes": session.scalar(select(func.count()).select_from(Entry)
                                      .where(*_notes_of(team_id, user_id)))}
    for name, column in PERSON_COLUMNS.items():
        query = select(func.count()).select_from(column.class_).where(*_scope(column, team_id, user_id))
        if column.class_ is Entry:
            query = query.where(or_(Entry.kind != "note", Entry.entered_by != user_id,
                                    Entry.entered_by.is_(None)))
        counts[name] = session.scalar(query)
    for name, column in PERSON_ROWS.items():
        counts[name] = session.scalar(select(func.count()).select_from(column.class_)
                                      .where(*_scope(column, team_id, user_id)))
    counts["installed_by"] = session.scalar(select(func.count()).select_from(INSTALLATIONS)
                                            .where(*_installed_by(team_id, user_id)))
    return counts


def _installed_by(team_id: str, user_id: str):
    return INSTALLATIONS.c.team_id == team_id, INSTALLATIONS.c.user_id == user_id


def forget(session: Session, team_id: str, user_id: str) -> dict[str, int]:
    """Delete the person's notes and take their user id off every other row (the app's
    installation included); the counts."""
    counts = {"notes": session.execute(
        delete(Entry).where(*_notes_of(team_id, user_id))
        .execution_options(synchronize_session=False)).rowcount}
    for name, column in PERSON_COLUMNS.items():
        counts[name] = session.execute(
            update(column.class_).where(*_scope(column, team_id, user_id))
            .values({column.key: None}).execution_options(synchronize_session=False)).rowcount
    for name, column in PERSON_ROWS.items():
        counts[name] = session.execute(
            delete(column.class_).where(*_scope(column, team_id, user_id))
            .execution_options(synchronize_session=False)).rowcount
    counts["installed_by"] = session.execute(
        update(INSTALLATIONS).where(*_installed_by(team_id, user_id))
        .values(user_id=FORGOTTEN_INSTALLER)).rowcount
    return counts
