"""Workspace settings: reading `/kpi settings KEY VALUE` and showing them."""

from __future__ import annotations

import re
from datetime import time
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.numbers import get_currency_name
from sqlalchemy.orm import Session

from capture.context import ParseContext
from capture.describe import plain_number
from capture.errors import InputError
from capture.numbers import parse_value
from metrics.vocabulary import COST_CLASSES, KPI_KEYS, MAP_KPIS, TEXT_KPIS
from storage.models import Workspace
from storage.workspaces import set_category_class

WEEKDAYS = {
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
    "mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5, "so": 6,
}
WEEKDAY_NAMES = {"de": ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"],
                 "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}
SETTING_KEYS = ("channel", "weekday", "time", "timezone", "language", "currency", "hourly_rate",
                "north_star", "payback_ceiling", "capital", "equity", "comment_weight", "category")
CHANNEL_RE = re.compile(r"^<#([CG][A-Z0-9]+)(\|[^>]*)?>$|^([CGD][A-Z0-9]{3,})$")
TIME_RE = re.compile(r"^(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?(?:\s*uhr)?$", re.IGNORECASE)
SCALAR_KPIS = [k for k in KPI_KEYS if k not in MAP_KPIS and k not in TEXT_KPIS]


class SettingError(ValueError):
    """A setting value that cannot be used; the text says what would work."""

    def __init__(self, de: str, en: str) -> None:
        super().__init__(en)
        self.texts = {"de": de, "en": en}

    def message(self, lang: str) -> str:
        return self.texts.get(lang, self.texts["en"])


def _amount(value: str, ctx: ParseContext, key: str) -> Decimal:
    try:
        return parse_value(value, ctx)
    except InputError as error:
        raise SettingError(
            f"{key}: {error.message('de')}", f"{key}: {error.message('en')}"
        ) from error


def apply_setting(session: Session, workspace: Workspace, key: str, args: list[str],
                  ctx: ParseContext) -> None:
    """Change one setting; raises SettingError naming a correct example."""
    value = " ".join(args).strip()
    if key not in SETTING_KEYS:
        keys = ", ".join(SETTING_KEYS)
        raise SettingError(f"Unbekannte Einstellung „{key}“. Möglich: {keys}",
                           f"Unknown setting “{key}”. Possible: {keys}")
    if not value:
        raise SettingError(f"Bitte einen Wert angeben, z. B. `/kpi settings {key} …`",
                           f"Please give a value, e.g. `/kpi settings {key} …`")
    if key == "channel":
        match = CHANNEL_RE.match(value)
        if not match:
            raise SettingError("Bitte den Kanal mit # aus der Liste wählen, z. B. `#kpi`.",
                               "Please pick the channel with # from the list, e.g. `#kpi`.")
        workspace.kpi_channel = match.group(1) or match.group(3)
    elif key == "weekday":
        if value.lower()[:3] not in WEEKDAYS and value.lower()[:2] not in WEEKDAYS:
            raise SettingError("Wochentag: mo, di, mi, do, fr, sa, so (oder mon…sun).",
                               "Weekday: mon, tue, wed, thu, fri, sat, sun (or mo…so).")
        workspace.digest_weekday = WEEKDAYS.get(value.lower()[:3], WEEKDAYS.get(value.lower()[:2]))
    elif key == "time":
        match = TIME_RE.match(value)
        try:
            parsed = time(int(match["h"]), int(match["m"] or 0)) if match else None
        except ValueError:
            parsed = None
        if parsed is None:
            raise SettingError("Uhrzeit als HH:MM, z. B. `09:00`.", "Time as HH:MM, e.g. `09:00`.")
        workspace.digest_time = parsed.strftime("%H:%M")
    elif key == "timezone":
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise SettingError(f"„{value}“ ist keine Zeitzone. Beispiel: `Europe/Berlin`.",
                               f"“{value}” is not a time zone. Example: `Europe/Berlin`.") from error
        workspace.timezone = value
    elif key == "language":
        if value.lower() not in ("de", "en"):
            raise SettingError("Sprache: `de` oder `en`.", "Language: `de` or `en`.")
        workspace.language = value.lower()
    elif key == "currency":
        code = value.upper()
        if len(code) != 3 or get_currency_name(code, locale="en") == code:
            raise SettingError("Währung als ISO-Code, z. B. `EUR`.",
                               "Currency as an ISO code, e.g. `EUR`.")
        workspace.currency = code
    elif key == "north_star":
        if value not in SCALAR_KPIS:
            raise SettingError(f"„{value}“ ist keine KPI. Beispiel: `contribution_per_customer_month`.",
                               f"“{value}” is not a KPI. Example: `contribution_per_customer_month`.")
        workspace.north_star = value
    elif key == "category":
        if len(args) != 2 or args[1].lower() not in COST_CLASSES:
            raise SettingError("Beispiel: `/kpi settings category ads acquisition` "
                               "(Klassen: acquisition, variable, fixed).",
                               "Example: `/kpi settings category ads acquisition` "
                               "(classes: acquisition, variable, fixed).")
        set_category_class(session, workspace.id, args[0].lower(), args[1].lower())
    else:
        setattr(workspace, key, _amount(value, ctx, key))


def settings_lines(workspace: Workspace, lang: str) -> list[str]:
    """The current settings, one `key: value` line each."""
    unset = "–"
    return [
        f"channel: {'<#' + workspace.kpi_channel + '>' if workspace.kpi_channel else unset}",
        f"weekday: {WEEKDAY_NAMES[lang][workspace.digest_weekday]}",
        f"time: {workspace.digest_time}",
        f"timezone: {workspace.timezone}",
        f"language: {workspace.language}",
        f"currency: {workspace.currency}",
        f"hourly_rate: {plain_number(workspace.hourly_rate) or unset}",
        f"north_star: {workspace.north_star}",
        f"payback_ceiling: {plain_number(workspace.payback_ceiling)}",
        f"capital: {plain_number(workspace.capital) or unset}",
        f"equity: {plain_number(workspace.equity) or unset}",
        f"comment_weight: {plain_number(workspace.comment_weight)}",
    ]
