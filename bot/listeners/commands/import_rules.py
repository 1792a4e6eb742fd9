"""`/kpi rule` lists the rules for bank and PayPal lines; `/kpi rule PATTERN CATEGORY` (admins)
adds one and categorises the open lines it matches; `/kpi import` says how to bring an export."""

from __future__ import annotations

from bot.admins import is_admin
from bot.surfaces.confirmation import plain_message
from capture.imports.detect import SOURCES
from ritual.deps import Deps
from ritual.file_import import ImportRefusal
from ritual.import_rules import add_rule, list_rules
from ritual.workspaces import language_of
from texts import t
from texts.limits import cut


def rule_command(ack, command, args, client, deps: Deps, respond) -> None:
    team_id, user_id = command["team_id"], command["user_id"]
    if not args:
        listed = list_rules(deps, team_id)
        lines = [f"• „{cut(rule.pattern, 100)}“ → `{rule.category}`" for rule in listed.rules]
        ack(**plain_message("\n".join([t("import.rules_title", listed.lang),
                                       *(lines or [t("import.rules_none", listed.lang)])])))
        return
    lang = language_of(deps, team_id)
    if not is_admin(client, deps, team_id, user_id):
        ack(**plain_message(t("admin_only", lang)))
        return
    if len(args) < 2:
        ack(**plain_message(t("import_rule_invalid", lang, pattern=" ".join(args), category="")))
        return
    outcome = add_rule(deps, team_id, user_id, " ".join(args[:-1]), args[-1])
    if isinstance(outcome, ImportRefusal):
        ack(**plain_message(t(outcome.code, outcome.lang, **outcome.params)))
        return
    ack(**plain_message(t("import.rule_saved", outcome.lang, pattern=cut(outcome.rule.pattern, 100),
                          category=outcome.rule.category, n=outcome.assigned)))


def import_command(ack, command, args, client, deps: Deps, respond) -> None:
    """How to share an export (DM or KPI channel), the known sources, the HTTP way."""
    lang = language_of(deps, command["team_id"])
    ack(**plain_message(t("import.how", lang, known=", ".join(SOURCES))))


RULE_SUBCOMMANDS = {"rule": rule_command, "regel": rule_command,
                    "import": import_command, "importieren": import_command}
