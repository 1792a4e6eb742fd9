"""Workspace settings as lines: the setting's name in the workspace language, the key to type
in `/kpi settings KEY …`, and its value."""

from __future__ import annotations

from capture.numbers import plain_number
from ritual.workspace_settings import WEEKDAY_NAMES
from storage.models import Workspace
from texts import t
from texts.catalogue import CATALOGUE
from texts.format import label

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def _values(workspace: Workspace, lang: str) -> dict[str, str]:
    unset = "–"
    return {
        "channel": f"<#{workspace.kpi_channel}>" if workspace.kpi_channel else unset,
        "weekday": WEEKDAY_NAMES.get(lang, WEEKDAY_NAMES["en"])[workspace.digest_weekday % 7],
        "time": workspace.digest_time,
        "timezone": workspace.timezone,
        "language": LANGUAGE_NAMES.get(workspace.language, workspace.language),
        "currency": workspace.currency,
        "hourly_rate": plain_number(workspace.hourly_rate) or unset,
        "north_star": label(workspace.north_star, lang),
        "payback_ceiling": plain_number(workspace.payback_ceiling),
        "capital": plain_number(workspace.capital) or unset,
        "equity": plain_number(workspace.equity) or unset,
        "comment_weight": plain_number(workspace.comment_weight),
        "retention_days": str(workspace.retention_days),
        "nudge": workspace.nudge or t("nudge_default", lang),
    }


def settings_title(lang: str) -> str:
    return t("settings_title", lang)


def _name(key: str, lang: str) -> str:
    short = f"settings_line.{key}"
    return t(short if short in CATALOGUE else f"settings_field.{key}", lang)


def settings_lines(workspace: Workspace, lang: str) -> list[str]:
    """The current settings, one `Name (`key`): value` line each."""
    return [f"{_name(key, lang)} (`{key}`): {value}"
            for key, value in _values(workspace, lang).items()]
