"""The settings form behind a bare `/kpi settings` (admins)."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ConversationSelectElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
    TimePickerElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from capture.numbers import plain_number
from metrics.report import GAP_INPUTS
from ritual.workspace_settings import SCALAR_KPIS, WEEKDAY_NAMES
from storage.models import Workspace
from texts import t
from texts.format import input_label, label

SETTINGS_CALLBACK = "settings_modal"
FIELDS = ("channel", "weekday", "time", "timezone", "language", "currency", "hourly_rate",
          "north_star", "payback_ceiling", "retention_days", "nudge")
OWNER_FIELD = "owner."
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _label(field: str, lang: str) -> str:
    return t(f"settings_field.{field}", lang)


def _select(options: list[tuple[str, str]], initial: str) -> StaticSelectElement:
    opts = [Option(value=value, text=text[:75]) for value, text in options]
    return StaticSelectElement(action_id="value", options=opts,
                               initial_option=next((o for o in opts if o.value == initial), None))


def _text(value: object) -> PlainTextInputElement:
    return PlainTextInputElement(action_id="value", initial_value=str(value) if value else None)


def _owner_blocks(owners: dict[str, str], lang: str) -> list[InputBlock]:
    """One person picker per input the digest reports as missing (its owner, optional)."""
    return [InputBlock(block_id=f"{OWNER_FIELD}{name}", optional=True,
                       label=f"👤 {input_label(name, lang)}",
                       element=UserSelectElement(action_id="value",
                                                 initial_user=owners.get(name)))
            for name in GAP_INPUTS]


def settings_view(workspace: Workspace, owners: dict[str, str] | None = None) -> dict:
    """The form, with the explicit owners of the inputs the digest reports as missing."""
    lang = workspace.language
    elements = {
        "channel": ConversationSelectElement(action_id="value",
                                             initial_conversation=workspace.kpi_channel),
        "weekday": _select(list(zip(WEEKDAY_KEYS, WEEKDAY_NAMES[lang], strict=True)),
                           WEEKDAY_KEYS[workspace.digest_weekday]),
        "time": TimePickerElement(action_id="value", initial_time=workspace.digest_time),
        "timezone": _text(workspace.timezone),
        "language": _select([("de", "Deutsch"), ("en", "English")], workspace.language),
        "currency": _text(workspace.currency),
        "hourly_rate": _text(plain_number(workspace.hourly_rate)),
        "north_star": _select([(k, label(k, lang)) for k in SCALAR_KPIS], workspace.north_star),
        "payback_ceiling": _text(plain_number(workspace.payback_ceiling)),
        "nudge": _text(workspace.nudge),
        "retention_days": PlainTextInputElement(action_id="value",
                                                initial_value=str(workspace.retention_days)),
    }
    blocks = [InputBlock(block_id=field, label=_label(field, lang), element=elements[field],
                         optional=field in ("channel", "hourly_rate", "nudge"))
              for field in FIELDS] + _owner_blocks(owners or {}, lang)
    return View(type="modal", callback_id=SETTINGS_CALLBACK,
                title="Einstellungen" if lang == "de" else "Settings",
                submit=t("modal_submit", lang), close=t("modal_cancel", lang),
                blocks=blocks).to_dict()
