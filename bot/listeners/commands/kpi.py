"""`/kpi` and its subcommands."""

from __future__ import annotations

import logging
from collections.abc import Callable
from zoneinfo import ZoneInfo

from capture.describe import describe
from slack_sdk import WebClient
from sqlalchemy.exc import DBAPIError

from bot.admins import is_admin
from bot.blocks.confirmation import entry_list_message, plain_message
from bot.listeners.commands.entries import entry_command
from bot.recording import db_down_message
from bot.services import Services, parse_context, workspace_of
from bot.settings import SettingError, apply_setting, settings_lines
from bot.texts import HELP, t
from storage.entries import input_of, last_entry_of, recent_entries

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
        if not args or args[0].lower() in ("show", "zeigen"):
            ack(**plain_message("\n".join(["*Settings*", *settings_lines(workspace, lang)])))
            return
    if not is_admin(client, services, command["team_id"], command["user_id"]):
        ack(**plain_message(t("admin_only", lang)))
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


Handler = Callable[..., None]
SUBCOMMANDS: dict[str, Handler] = {
    "help": _help, "hilfe": _help,
    "undo": _undo, "rückgängig": _undo,
    "list": _list, "liste": _list,
    "settings": _settings, "einstellungen": _settings,
}
