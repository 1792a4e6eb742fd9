"""`/kpi metric add` and `/kpi questions`: a workspace's own metrics and its three focus questions."""

from __future__ import annotations

from dataclasses import dataclass

from capture.errors import InputError
from capture.own_metrics import MAX_OWN_METRICS, OwnMetricDef, parse_metric_definition, parse_questions
from ritual.context import read_workspace, workspace_for_team
from ritual.deps import Deps
from ritual.outcomes import Problem
from storage.own_metrics import own_metrics_of, questions_of, save_own_metric, set_questions


@dataclass(frozen=True)
class OwnMetricSaved:
    lang: str
    metric: OwnMetricDef
    created: bool  # False: an existing metric got a new label, aggregation or unit


@dataclass(frozen=True)
class OwnMetricList:
    lang: str
    metrics: list[OwnMetricDef]


@dataclass(frozen=True)
class QuestionsSaved:
    lang: str
    questions: tuple[str, str, str] | None  # None: back to the defaults


def add_own_metric(deps: Deps, team_id: str, user: str | None,
                   text: str) -> OwnMetricSaved | Problem:
    """Define (or redefine) an own metric from `KEY "Label" [aggregation] [unit]`."""
    now = deps.now()
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, now)
        try:
            definition = parse_metric_definition(text)
        except InputError as error:
            return Problem(error.code, workspace.language, dict(error.params))
        known = {own.key for own in own_metrics_of(session, team_id)}
        if definition.key not in known and len(known) >= MAX_OWN_METRICS:
            return Problem("own_metric_too_many", workspace.language, {"limit": MAX_OWN_METRICS})
        created = save_own_metric(session, team_id, definition, user, now)
        return OwnMetricSaved(workspace.language, definition, created)


def list_own_metrics(deps: Deps, team_id: str) -> OwnMetricList:
    with deps.db.reader() as session:
        workspace = read_workspace(session, team_id, deps.now())
        return OwnMetricList(workspace.language, own_metrics_of(session, team_id))


def change_questions(deps: Deps, team_id: str, user: str | None,
                     text: str) -> QuestionsSaved | Problem:
    """Set the three focus questions from `Q1 | Q2 | Q3`, or restore the defaults (`reset`)."""
    now = deps.now()
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, now)
        try:
            questions = parse_questions(text)
        except InputError as error:
            return Problem(error.code, workspace.language, dict(error.params))
        set_questions(session, team_id, questions, user, now)
        return QuestionsSaved(workspace.language, questions)


def current_questions(deps: Deps, team_id: str) -> QuestionsSaved:
    """The workspace's own questions (None: the defaults)."""
    with deps.db.reader() as session:
        workspace = read_workspace(session, team_id, deps.now())
        return QuestionsSaved(workspace.language, questions_of(session, team_id))
