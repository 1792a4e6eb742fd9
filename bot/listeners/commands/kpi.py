"""`/kpi` and its subcommands."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from sqlalchemy.exc import DBAPIError

from bot.admins import is_admin
from bot.blocks.confirmation import entry_list_message, plain_message
from bot.blocks.settings_modal import settings_view
from bot.digest.blocks import digest_blocks, fallback_text
from bot.digest.gather import gather
from bot.digest.report import report_message
from bot.goals import goal_lines, set_goal
from bot.listeners.commands.entries import entry_command
from bot.post_now import post_due_digest_now
from bot.recording import db_down_message
from bot.services import Services, local_now, parse_context, workspace_of
from bot.settings import SettingError, apply_setting, settings_lines
from bot.texts import HELP, t
from capture.describe import describe
from metrics.weeks import IsoWeek
from storage.csv_io import export_workspace
from storage.entries import input_of, last_entry_of, recent_entries
from storage.workspaces import rotate_ingest_token

log = logging.getLogger(__name__)


def kpi_command(ack, command: dict, client: WebClient, respond, services: Services) -> None:
    """Route `/kpi <sub> …` to its handler."""
    words = (command.get("text") or "").split()
    sub = words[0].lower() if words else "help"
    if sub in ("record", "erfassen"):
        rest = dict(command, text=" ".join(words[1:]))
        entry_command(ack, rest, client, services, "record")
        return
    handler = SUBCOMMANDS.get(sub)
    try:
        if handler is None:
            lang = _language(services, command)
            ack(**plain_message(t("unknown_subcommand", lang, sub=sub) + "\n\n" + HELP[lang]))
            return
        if handler in NEEDS_RESPOND:
            handler(ack, command, words[1:], client, services, respond=respond)
        else:
            handler(ack, command, words[1:], client, services)
    except DBAPIError:
        log.exception("database unavailable in /kpi %s", sub)
        ack(**db_down_message())


def _language(services: Services, command: dict) -> str:
    with services.db.session() as session:
        return workspace_of(session, command["team_id"], services.now()).language


def _help(ack, command, args, client, services) -> None:
    ack(**plain_message(HELP[_language(services, command)]))


def _undo(ack, command, args, client, services: Services) -> None:
    now = services.now()
    with services.db.session() as session:
        workspace = workspace_of(session, command["team_id"], now)
        lang = workspace.language
        row = last_entry_of(session, workspace.id, command["user_id"])
        if row is None:
            ack(**plain_message(t("nothing_to_undo", lang)))
            return
        row.deleted_at, row.deleted_by = now, command["user_id"]
        what = describe(input_of(row), lang, workspace.currency)
    ack(**plain_message(t("undone", lang, what=what)))


def _list(ack, command, args, client, services: Services) -> None:
    now = services.now()
    with services.db.session() as session:
        workspace = workspace_of(session, command["team_id"], now)
        lang, zone = workspace.language, ZoneInfo(workspace.timezone)
        items = [
            (row.id, describe(input_of(row), lang, workspace.currency),
             f"<@{row.entered_by}> · {row.source} · "
             f"{row.entered_at.astimezone(zone):%d.%m. %H:%M}" if row.entered_by
             else f"{row.source} · {row.entered_at.astimezone(zone):%d.%m. %H:%M}")
            for row in recent_entries(session, workspace.id, 10)
        ]
    ack(**entry_list_message(items, lang))


def _settings(ack, command, args, client, services: Services) -> None:
    now = services.now()
    with services.db.session() as session:
        workspace = workspace_of(session, command["team_id"], now)
        lang = workspace.language
        lines = settings_lines(workspace, lang)
        if args and args[0].lower() in ("show", "zeigen"):
            ack(**plain_message("\n".join(["*Settings*", *lines])))
            return
        view = settings_view(workspace) if not args else None
    if not is_admin(client, services, command["team_id"], command["user_id"]):
        ack(**plain_message("\n".join([t("admin_only", lang), "", "*Settings*", *lines])))
        return
    if view is not None:
        ack()
        client.views_open(trigger_id=command["trigger_id"], view=view)
        return
    if args[0].lower() == "token":
        with services.db.session() as session:
            token = rotate_ingest_token(session, workspace_of(session, command["team_id"], now))
        ack(**plain_message(t("token_created", lang, token=token)))
        return
    try:
        with services.db.session() as session:
            workspace = workspace_of(session, command["team_id"], now)
            apply_setting(session, workspace, args[0].lower(), args[1:],
                          parse_context(session, workspace, now))
            lines = settings_lines(workspace, workspace.language)
    except SettingError as error:
        ack(**plain_message(t("not_saved", lang, reason=error.message(lang))))
        return
    ack(**plain_message("\n".join(["✅ *Settings*", *lines])))


def _goal(ack, command, args, client, services: Services) -> None:
    now = services.now()
    with services.db.session() as session:
        workspace = workspace_of(session, command["team_id"], now)
        lang = workspace.language
        if not args:
            lines = goal_lines(session, workspace) or [t("no_goals", lang)]
            ack(**plain_message("\n".join([t("goals_title", lang), *lines])))
            return
    try:
        with services.db.session() as session:
            workspace = workspace_of(session, command["team_id"], now)
            line = set_goal(session, workspace, args, parse_context(session, workspace, now),
                            command["user_id"], now)
    except SettingError as error:
        ack(**plain_message(t("not_saved", lang, reason=error.message(lang))))
        return
    ack(**plain_message(line))


def _current_week(services: Services, command: dict) -> tuple[IsoWeek, str]:
    with services.db.session() as session:
        workspace = workspace_of(session, command["team_id"], services.now())
        return IsoWeek.of(local_now(workspace, services.now()).date()), workspace.language


def _report(ack, command, args, client, services: Services, respond=None) -> None:
    ack()
    week, _ = _current_week(services, command)
    with services.db.reader() as session:
        workspace = workspace_of(session, command["team_id"], services.now())
        data = gather(session, workspace, week, services.now(), record_alerts=False)
        message = report_message(data)
    respond(response_type="ephemeral", **message)


def _digest(ack, command, args, client, services: Services, respond=None) -> None:
    if args and args[0].lower() in ("post", "posten"):
        lang = _language(services, command)
        if not is_admin(client, services, command["team_id"], command["user_id"]):
            ack(**plain_message(t("admin_only", lang)))
            return
        ack()
        outcome = post_due_digest_now(services, client, command["team_id"])
        respond(response_type="ephemeral", **plain_message(t(outcome, lang)))
        return
    ack()
    week, _ = _current_week(services, command)
    with services.db.reader() as session:
        workspace = workspace_of(session, command["team_id"], services.now())
        data = gather(session, workspace, week, services.now(), record_alerts=False)
        blocks = digest_blocks(data, preview=True)
    respond(response_type="ephemeral", text=fallback_text(data), blocks=blocks)


def _export(ack, command, args, client, services: Services, respond=None) -> None:
    ack()
    with services.db.session() as session:
        workspace = workspace_of(session, command["team_id"], services.now())
        lang = workspace.language
        with tempfile.TemporaryDirectory() as folder:
            path = export_workspace(session, workspace, Path(folder))
            content = path.read_bytes()
    dm = client.conversations_open(users=command["user_id"])["channel"]["id"]
    client.files_upload_v2(channel=dm, content=content, filename=path.name, title=path.name,
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
}
NEEDS_RESPOND = frozenset({_report, _digest, _export})
