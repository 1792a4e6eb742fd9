"""A category chosen for an open line in the digest's thread: a rule for its counterparty
(admins, as `/kpi rule`), answered to the chooser alone."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.admins import is_admin
from bot.payload import team_id_of, user_id_of
from ritual.deps import Deps
from ritual.file_import import ImportRefusal
from ritual.import_rules import assign_line
from ritual.workspaces import language_of
from texts import t
from texts.limits import cut


def category_chosen(ack, body: dict, client: WebClient, respond, deps: Deps) -> None:
    ack()
    team_id, user_id = team_id_of(body), user_id_of(body)
    action = body["actions"][0]
    line_id = int(action["action_id"].rpartition(":")[2])
    category = (action.get("selected_option") or {}).get("value") or ""
    if not is_admin(client, deps, team_id, user_id):
        respond(replace_original=False, response_type="ephemeral",
                text=t("admin_only", language_of(deps, team_id)))
        return
    outcome = assign_line(deps, team_id, user_id, line_id, category)
    if isinstance(outcome, ImportRefusal):
        text = t(outcome.code, outcome.lang, **outcome.params)
    else:
        text = t("import.rule_saved", outcome.lang, pattern=cut(outcome.rule.pattern, 100),
                 category=outcome.rule.category, n=outcome.assigned)
    respond(replace_original=False, response_type="ephemeral", text=text)
