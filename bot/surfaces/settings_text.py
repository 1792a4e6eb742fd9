"""Workspace settings as `key: value` lines."""

from __future__ import annotations

from capture.numbers import plain_number
from ritual.workspace_settings import WEEKDAY_NAMES
from storage.models import Workspace
from texts import t


def settings_lines(workspace: Workspace, lang: str) -> list[str]:
    """The current settings, one `key: value` line each."""
    unset = "–"
    return [
        f"channel: {'<#' + workspace.kpi_channel + '>' if workspace.kpi_channel else unset}",
        f"weekday: {WEEKDAY_NAMES.get(lang, WEEKDAY_NAMES['en'])[workspace.digest_weekday % 7]}",
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
        f"retention_days: {workspace.retention_days}",
        f"nudge: {workspace.nudge or t('nudge_default', lang)}",
    ]
