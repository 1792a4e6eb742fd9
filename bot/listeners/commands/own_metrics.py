"""`/kpi metric [add …]` and `/kpi questions [Q1 | Q2 | Q3 | reset]`: a workspace's own metrics and
its own three focus questions (changes by admins)."""

from __future__ import annotations

from bot.admins import is_admin
from bot.digest.content import question_lines
from bot.mrkdwn import escape_user_text, say_mrkdwn
from bot.surfaces.confirmation import plain_message
from ritual.deps import Deps
from ritual.outcomes import Problem
from ritual.own_metrics import add_own_metric, change_questions, current_questions, list_own_metrics
from ritual.workspaces import language_of
from texts import t

ADD_WORDS = ("add", "neu", "anlegen")


def _metric_line(own, lang: str) -> str:
    return (f"• `{own.key}` – {escape_user_text(own.label)} "
            f"({t('own_aggregation.' + own.aggregation, lang)}, {t('own_unit.' + own.unit, lang)})")


def metric_command(ack, command, args, client, deps: Deps, respond) -> None:
    """List the own metrics, or define one (`add KEY "Label" [aggregation] [unit]`, admins)."""
    team_id, user_id = command["team_id"], command["user_id"]
    if not args or args[0].lower() not in ADD_WORDS:
        listed = list_own_metrics(deps, team_id)
        lines = [_metric_line(own, listed.lang) for own in listed.metrics]
        ack(**plain_message("\n".join([t("own_metric_title", listed.lang),
                                       *(lines or [t("own_metric_none", listed.lang)])])))
        return
    if not is_admin(client, deps, team_id, user_id):
        ack(**plain_message(t("admin_only", language_of(deps, team_id))))
        return
    outcome = add_own_metric(deps, team_id, user_id, " ".join(args[1:]))
    if isinstance(outcome, Problem):
        ack(**plain_message(say_mrkdwn(outcome, outcome.lang)))
        return
    own, lang = outcome.metric, outcome.lang
    ack(**plain_message(t("own_metric_saved" if outcome.created else "own_metric_updated", lang,
                          key=own.key, label=escape_user_text(own.label),
                          aggregation=t("own_aggregation." + own.aggregation, lang),
                          unit=t("own_unit." + own.unit, lang))))


def questions_command(ack, command, args, client, deps: Deps, respond) -> None:
    """Show the three questions, or set them (`Q1 | Q2 | Q3`) or restore the defaults (`reset`)."""
    team_id, user_id = command["team_id"], command["user_id"]
    if not args:
        shown = current_questions(deps, team_id)
        ack(**plain_message("\n".join([t("questions_current", shown.lang),
                                       *question_lines(shown.lang, own=shown.questions)])))
        return
    if not is_admin(client, deps, team_id, user_id):
        ack(**plain_message(t("admin_only", language_of(deps, team_id))))
        return
    outcome = change_questions(deps, team_id, user_id, " ".join(args))
    if isinstance(outcome, Problem):
        ack(**plain_message(say_mrkdwn(outcome, outcome.lang)))
        return
    title = "questions_saved" if outcome.questions else "questions_reset"
    ack(**plain_message("\n".join([t(title, outcome.lang),
                                   *question_lines(outcome.lang, own=outcome.questions)])))


OWN_SUBCOMMANDS = {"metric": metric_command, "kennzahl": metric_command,
                   "questions": questions_command, "fragen": questions_command}
