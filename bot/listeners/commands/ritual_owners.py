"""`/kpi owner`, `/kpi pause`, `/kpi resume` and `/kpi away`."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.admins import is_admin
from bot.mrkdwn import say_mrkdwn
from bot.surfaces.confirmation import plain_message
from ritual.deps import Deps
from ritual.owners import OwnerView, change_owner, list_owners
from ritual.pauses import ResumeView, away, pause, resume
from ritual.workspace_settings import SettingError
from ritual.workspaces import language_of
from texts import t
from texts.format import input_label
from texts.words import typed_word


def _admin(client: WebClient, deps: Deps, command: dict) -> bool:
    return is_admin(client, deps, command["team_id"], command["user_id"])


def _refused(ack, error: SettingError, lang: str) -> None:
    ack(**plain_message(t("not_saved", lang, reason=say_mrkdwn(error, lang))))


def owner_line(view: OwnerView) -> str:
    name = input_label(view.subject, view.lang)
    how = "" if view.explicit else f" _({t('owner_by_default', view.lang)})_"
    return f"• {name} (`{typed_word(view.subject, view.lang)}`): <@{view.user_id}>{how}"


def owner_command(ack, command, args, client, deps: Deps, respond) -> None:
    """`/kpi owner` lists owners; `/kpi owner INPUT @user|-` sets or clears one (admins)."""
    lang = language_of(deps, command["team_id"])
    if not args:
        lang, views = list_owners(deps, command["team_id"])
        lines = [owner_line(v) for v in views] or [t("owners_none", lang)]
        ack(**plain_message("\n".join([t("owners_title", lang), *lines])))
        return
    if not _admin(client, deps, command):
        ack(**plain_message(t("admin_only", lang)))
        return
    try:
        view = change_owner(deps, command["team_id"], args, command["user_id"])
    except SettingError as error:
        _refused(ack, error, lang)
        return
    key = "owner_set" if view.user_id else "owner_cleared"
    ack(**plain_message(t(key, lang, input=input_label(view.subject, lang), user=view.user_id)))


def pause_command(ack, command, args, client, deps: Deps, respond) -> None:
    """`/kpi pause 2026-W52` or `/kpi pause until 2027-01-04` (admins)."""
    lang = language_of(deps, command["team_id"])
    if not _admin(client, deps, command):
        ack(**plain_message(t("admin_only", lang)))
        return
    try:
        view = pause(deps, command["team_id"], args, command["user_id"])
    except SettingError as error:
        _refused(ack, error, lang)
        return
    ack(**plain_message(t("paused", lang, weeks=", ".join(view.weeks))))


def resume_command(ack, command, args, client, deps: Deps, respond) -> None:
    """`/kpi resume` lifts the pauses of this week and later, `/kpi resume 2026-W47` that
    week's (admins)."""
    lang = language_of(deps, command["team_id"])
    if not _admin(client, deps, command):
        ack(**plain_message(t("admin_only", lang)))
        return
    try:
        view = resume(deps, command["team_id"], args)
    except SettingError as error:
        _refused(ack, error, lang)
        return
    ack(**plain_message(_resumed_text(view)))


def _resumed_text(view: ResumeView) -> str:
    if view.week:
        key = "resumed_week" if view.lifted else "resume_none_week"
        return t(key, view.lang, week=view.week)
    return t("resumed", view.lang, n=view.lifted) if view.lifted else t("resume_none", view.lang)


def away_command(ack, command, args, client, deps: Deps, respond) -> None:
    """`/kpi away until DATE` or `/kpi away off`: for oneself."""
    lang = language_of(deps, command["team_id"])
    try:
        until, lang = away(deps, command["team_id"], command["user_id"], args)
    except SettingError as error:
        _refused(ack, error, lang)
        return
    ack(**plain_message(t("away_set", lang, day=until.isoformat()) if until
                        else t("away_off", lang)))


OWNER_SUBCOMMANDS = {
    "owner": owner_command, "verantwortlich": owner_command,
    "pause": pause_command, "resume": resume_command, "weiter": resume_command,
    "away": away_command, "abwesend": away_command,
}
