"""`/kpi` and its subcommands: each turns the command into a use-case call and renders the result."""

from __future__ import annotations

import logging
from collections.abc import Callable
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from sqlalchemy.exc import DBAPIError

from bot.admins import is_admin
from bot.digest.blocks import MAX_BLOCKS, digest_blocks, fallback_text
from bot.digest.report import report_message
from bot.digest.scheduler import DigestScheduler
from bot.digest.thread import thread_blocks
from bot.listeners.commands.entries import entry_command
from bot.listeners.commands.forget_me import forget_me_command
from bot.listeners.commands.import_rules import RULE_SUBCOMMANDS
from bot.listeners.commands.own_metrics import OWN_SUBCOMMANDS
from bot.listeners.commands.ritual_owners import OWNER_SUBCOMMANDS
from bot.mrkdwn import escape_user_text, person, say_mrkdwn
from bot.permalinks import digest_links
from bot.surfaces.confirmation import (
    db_down_message,
    described,
    entry_list_message,
    plain_message,
    shown_entry,
)
from bot.surfaces.edits import audit_lines
from bot.surfaces.goals import goal_line, goal_list_line
from bot.surfaces.home import grid_message
from bot.surfaces.settings_modal import settings_view
from bot.surfaces.settings_text import settings_lines, settings_title
from ritual.deps import Deps
from ritual.digest_data import week_digest
from ritual.edits import recent_with_trails
from ritual.entries import undo_last
from ritual.export import export_csv
from ritual.goals import list_goals, set_goal
from ritual.outcomes import Problem
from ritual.owners import owner_map, owner_option, set_kpi_owner
from ritual.scorecard_grid import trailing_grid
from ritual.workspace_settings import (
    SettingError,
    SettingsRejected,
    change_settings,
    rotate_token,
    settings_of,
)
from ritual.workspaces import language_of
from texts import t
from texts.describe import describe
from texts.entries import HELP
from texts.limits import cut

log = logging.getLogger(__name__)


def kpi_command(ack, command: dict, client: WebClient, respond, deps: Deps) -> str | None:
    """Route `/kpi <sub> …` to its handler; what happened when it is not plain "ok" (metrics)."""
    words = (command.get("text") or "").split()
    sub = words[0].lower() if words else "help"
    if sub in ("record", "erfassen"):
        return entry_command(ack, dict(command, text=" ".join(words[1:])), client, deps, "record")
    handler = SUBCOMMANDS.get(sub)
    try:
        if handler is None:
            lang = language_of(deps, command["team_id"])
            ack(**plain_message(t("unknown_subcommand", lang, sub=cut(sub, 100)) + "\n\n" + HELP[lang]))
            return "unknown"
        handler(ack, command, words[1:], client, deps, respond)
    except DBAPIError:
        log.exception("database unavailable in /kpi %s", sub)
        ack(**db_down_message())
        return "unavailable"
    return None


def _admin(client: WebClient, deps: Deps, command: dict) -> bool:
    return is_admin(client, deps, command["team_id"], command["user_id"])


def _help(ack, command, args, client, deps, respond) -> None:
    ack(**plain_message(HELP[language_of(deps, command["team_id"])]))


def _undo(ack, command, args, client, deps: Deps, respond) -> None:
    outcome = undo_last(deps, command["team_id"], command["user_id"])
    if isinstance(outcome, Problem):
        ack(**plain_message(t(outcome.code, outcome.lang)))
    else:
        ack(**described("undone", outcome))


def _byline(view) -> str:
    when = f"{view.entered_at.astimezone(ZoneInfo(view.timezone)):%d.%m. %H:%M}"
    source = escape_user_text(view.source)
    return f"{person(view.entered_by)} · {source} · {when}" if view.entered_by else f"{source} · {when}"


def _list(ack, command, args, client, deps: Deps, respond) -> None:
    lang, listed = recent_with_trails(deps, command["team_id"], 10)
    items = [(v.id, describe(shown_entry(v.input), v.lang, v.currency, v.note_number),
              "\n".join([_byline(v), *audit_lines(trail, lang, v.timezone)])) for v, trail in listed]
    ack(**entry_list_message(items, lang))


def _settings(ack, command, args, client, deps: Deps, respond) -> None:
    workspace = settings_of(deps, command["team_id"])
    lang = workspace.language
    lines = settings_lines(workspace, lang)
    if args and args[0].lower() in ("show", "zeigen"):
        ack(**plain_message("\n".join([f"*{settings_title(lang)}*", *lines])))
        return
    if not _admin(client, deps, command):
        ack(**plain_message("\n".join([t("admin_only", lang), "", f"*{settings_title(lang)}*",
                                        *lines])))
        return
    if not args:
        ack()
        owners = owner_map(deps, command["team_id"])
        client.views_open(trigger_id=command["trigger_id"], view=settings_view(workspace, owners))
        return
    if args[0].lower() == "token":
        token, lang = rotate_token(deps, command["team_id"])
        ack(**plain_message(t("token_created", lang, token=token)))
        return
    try:
        workspace = change_settings(deps, command["team_id"], {args[0].lower(): args[1:]})
    except SettingsRejected as rejected:
        [error] = rejected.errors.values()
        ack(**plain_message(t("not_saved", lang, reason=say_mrkdwn(error, lang))))
        return
    lang = workspace.language
    ack(**plain_message("\n".join([f"✅ *{settings_title(lang)}*", *settings_lines(workspace, lang)])))


def _goal(ack, command, args, client, deps: Deps, respond) -> None:
    lang, goals = list_goals(deps, command["team_id"])
    if not args:
        lines = [goal_list_line(g) for g in goals] or [t("no_goals", lang)]
        ack(**plain_message("\n".join([t("goals_title", lang), *lines])))
        return
    if not _admin(client, deps, command):
        ack(**plain_message(t("admin_only", lang)))
        return
    try:
        args, owner = owner_option(args)
        goal = set_goal(deps, command["team_id"], args, command["user_id"])
    except SettingError as error:
        ack(**plain_message(t("not_saved", lang, reason=say_mrkdwn(error, lang))))
        return
    if owner:
        set_kpi_owner(deps, command["team_id"], goal.kpi, owner, command["user_id"])
    owned = f"\n{t('owner_on_goal', lang, user=owner)}" if owner else ""
    ack(**plain_message(goal_line(goal) + owned))


def _report(ack, command, args, client, deps: Deps, respond) -> None:
    ack()
    if args and args[0].lower() == "t13w":
        grid = trailing_grid(deps, command["team_id"])
        links = digest_links(client, grid.digests, deps.state.permalinks)
        respond(response_type="ephemeral", **grid_message(grid, links))
        return
    respond(response_type="ephemeral", **report_message(week_digest(deps, command["team_id"])))


def _digest(ack, command, args, client, deps: Deps, respond) -> None:
    if args and args[0].lower() in ("post", "posten"):
        lang = language_of(deps, command["team_id"])
        if not _admin(client, deps, command):
            ack(**plain_message(t("admin_only", lang)))
            return
        ack()
        outcome = DigestScheduler(deps, client).post_now(command["team_id"])
        respond(response_type="ephemeral", **plain_message(say_mrkdwn(outcome, lang)))
        return
    ack()
    data = week_digest(deps, command["team_id"])
    blocks = digest_blocks(data, preview=True)
    details = thread_blocks(data)
    room = MAX_BLOCKS - len(blocks) - 1
    respond(response_type="ephemeral", text=fallback_text(data),
            blocks=[*blocks, {"type": "divider"}, *details[:room]])


def _export(ack, command, args, client, deps: Deps, respond) -> None:
    if not _admin(client, deps, command):
        ack(**plain_message(t("admin_only", language_of(deps, command["team_id"]))))
        return
    ack()
    name, content, lang = export_csv(deps, command["team_id"])
    dm = client.conversations_open(users=command["user_id"])["channel"]["id"]
    client.files_upload_v2(channel=dm, content=content, filename=name, title=name,
                           initial_comment=t("export_done", lang))
    respond(response_type="ephemeral", **plain_message(t("export_sent", lang)))


Handler = Callable[..., None]
SUBCOMMANDS: dict[str, Handler] = {
    "help": _help, "hilfe": _help,
    "undo": _undo, "rückgängig": _undo,
    "list": _list, "liste": _list,
    "settings": _settings, "einstellungen": _settings,
    "goal": _goal, "ziel": _goal,
    "report": _report, "bericht": _report,
    "digest": _digest,
    "export": _export,
    **OWNER_SUBCOMMANDS,
    **RULE_SUBCOMMANDS,
    **OWN_SUBCOMMANDS,
    "forget-me": forget_me_command, "vergiss-mich": forget_me_command,
}
