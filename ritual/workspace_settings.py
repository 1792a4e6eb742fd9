"""Workspace settings: reading `/kpi settings KEY VALUE` and showing them."""

from __future__ import annotations

import re
from datetime import time
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.numbers import get_currency_name
from sqlalchemy.orm import Session

from capture.context import ParseContext
from capture.errors import InputError
from capture.numbers import parse_value
from capture.vocabulary import category_of, cost_class_of
from metrics.vocabulary import KPI_KEYS, MAP_KPIS, TEXT_KPIS
from ritual.context import parse_context, read_workspace, workspace_for_team
from ritual.deps import Deps
from ritual.due import reschedule
from storage.models import LOOK_NOW, Workspace
from storage.workspaces import rotate_ingest_token, set_category_class

WEEKDAYS = {
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
    "mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5, "so": 6,
}
WEEKDAY_NAMES = {"de": ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"],
                 "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}
SETTING_KEYS = ("channel", "weekday", "time", "timezone", "language", "currency", "hourly_rate",
                "north_star", "payback_ceiling", "capital", "equity", "comment_weight", "category",
                "retention_days", "nudge")
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
NUDGE_OFF = ("off", "aus")
MAX_RETENTION_DAYS = 3650
CHANNEL_RE = re.compile(r"^<#([CG][A-Z0-9]+)(\|[^>]*)?>$|^([CGD][A-Z0-9]{3,})$")
TIME_RE = re.compile(r"^(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?(?:\s*uhr)?$", re.IGNORECASE)
SCALAR_KPIS = [k for k in KPI_KEYS if k not in MAP_KPIS and k not in TEXT_KPIS]


class SettingError(ValueError):
    """A setting value that cannot be used: a catalogue code and its parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _amount(value: str, ctx: ParseContext, key: str) -> Decimal:
    try:
        return parse_value(value, ctx)
    except InputError as error:
        raise SettingError("setting_amount", key=key, problem=error) from error


def _weekday(value: str) -> int:
    day = WEEKDAYS.get(value.lower()[:3], WEEKDAYS.get(value.lower()[:2]))
    if day is None:
        raise SettingError("setting_weekday")
    return day


def _time(value: str) -> str:
    match = TIME_RE.match(value)
    try:
        parsed = time(int(match["h"]), int(match["m"] or 0)) if match else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise SettingError("setting_time")
    return parsed.strftime("%H:%M")


def _timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise SettingError("setting_timezone", value=value) from error
    return value


def _currency(value: str) -> str:
    code = value.upper()
    if len(code) != 3 or not code.isalpha() or get_currency_name(code, locale="en") == code:
        raise SettingError("setting_currency")
    return code


def parse_nudge(args: list[str]) -> str:
    """`off`, or a weekday and a time (`sun 15:00`), stored as `off` or `sun 15:00`."""
    if len(args) == 1 and args[0].lower() in NUDGE_OFF:
        return "off"
    if len(args) != 2:
        raise SettingError("setting_nudge")
    try:
        return f"{WEEKDAY_KEYS[_weekday(args[0])]} {_time(args[1])}"
    except SettingError as error:
        raise SettingError("setting_nudge") from error


def _retention_days(value: str) -> int:
    """Days the data is kept after the app is uninstalled: a whole number, 0 to 3650."""
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_RETENTION_DAYS:
        raise SettingError("setting_retention_days", max=MAX_RETENTION_DAYS)
    return int(value)


def validate_setting(key: str, args: list[str], ctx: ParseContext) -> dict[str, object]:
    """The workspace fields one setting changes, checked; raises SettingError.

    The one validator for `/kpi settings`, the settings form and CSV imports.
    """
    value = " ".join(args).strip()
    if key not in SETTING_KEYS:
        raise SettingError("setting_unknown", key=key, valid=", ".join(SETTING_KEYS))
    if not value:
        raise SettingError("setting_value_missing", key=key)
    if key == "channel":
        match = CHANNEL_RE.match(value)
        if not match:
            raise SettingError("setting_channel")
        return {"kpi_channel": match.group(1) or match.group(3)}
    if key == "weekday":
        return {"digest_weekday": _weekday(value)}
    if key == "time":
        return {"digest_time": _time(value)}
    if key == "timezone":
        return {"timezone": _timezone(value)}
    if key == "language":
        if value.lower() not in ("de", "en"):
            raise SettingError("setting_language")
        return {"language": value.lower()}
    if key == "currency":
        return {"currency": _currency(value)}
    if key == "north_star":
        if value not in SCALAR_KPIS:
            raise SettingError("setting_north_star", value=value)
        return {"north_star": value}
    if key == "nudge":
        return {"nudge": parse_nudge(value.split())}
    if key == "retention_days":
        return {"retention_days": _retention_days(value)}
    if key == "category":
        cost_class = cost_class_of(args[1]) if len(args) == 2 else None
        if cost_class is None:
            raise SettingError("setting_category")
        return {"category": (category_of(args[0]), cost_class)}
    return {key: _amount(value, ctx, key)}


def apply_setting(session: Session, workspace: Workspace, key: str, args: list[str],
                  ctx: ParseContext) -> None:
    """Change one setting after validating it; raises SettingError naming a correct example."""
    for field, value in validate_setting(key, args, ctx).items():
        if field == "category":
            set_category_class(session, workspace.id, *value)
        else:
            setattr(workspace, field, value)


class SettingsRejected(Exception):
    """Some settings were refused; nothing was changed."""

    def __init__(self, errors: dict[str, SettingError], lang: str) -> None:
        super().__init__(errors)
        self.errors, self.lang = errors, lang


def settings_of(deps: Deps, team_id: str) -> Workspace:
    """The workspace with its settings, for showing them."""
    with deps.db.reader() as session:
        return read_workspace(session, team_id, deps.now())


def change_settings(deps: Deps, team_id: str, changes: dict[str, list[str]]) -> Workspace:
    """Apply every change or none; raises SettingsRejected naming each bad one."""
    now = deps.now()
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, now)
        ctx = parse_context(session, workspace, now)
        lang = workspace.language
        errors: dict[str, SettingError] = {}
        for key, args in changes.items():
            try:
                apply_setting(session, workspace, key, args, ctx)
            except SettingError as error:
                errors[key] = error
        if errors:
            raise SettingsRejected(errors, lang)
        if workspace.next_digest_at == LOOK_NOW:  # the schedule changed (storage.models)
            reschedule(workspace, now)
        return workspace


def rotate_token(deps: Deps, team_id: str) -> tuple[str, str]:
    """A new ingestion token (shown once) and the workspace language."""
    with deps.db.session() as session:
        workspace = workspace_for_team(session, team_id, deps.now())
        return rotate_ingest_token(session, workspace), workspace.language
