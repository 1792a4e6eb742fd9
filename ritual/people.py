"""`/kpi forget-me`: a person's notes deleted and their name taken off everything else.

Their numbers stay (a cost is the business's, not the person's), without an author."""

from __future__ import annotations

import logging

from ritual.context import read_workspace
from ritual.deps import Deps
from storage.people import forget, traces

log = logging.getLogger(__name__)


def forget_me_preview(deps: Deps, team_id: str, user_id: str) -> tuple[str, dict[str, int]]:
    """The workspace language and what forgetting the person would remove."""
    with deps.db.reader() as session:
        lang = read_workspace(session, team_id, deps.now()).language
        return lang, traces(session, team_id, user_id)


def forget_me(deps: Deps, team_id: str, user_id: str) -> tuple[str, dict[str, int]]:
    """Forget the person in this workspace; the language and what was removed."""
    with deps.db.session() as session:
        lang = read_workspace(session, team_id, deps.now()).language
        counts = forget(session, team_id, user_id)
    log.info("forgot a person in %s on their request: %s", team_id, counts)
    return lang, counts
