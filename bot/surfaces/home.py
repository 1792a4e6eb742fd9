"""The App Home tab: this week's scorecard so far, and buttons to log entries."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, DividerBlock

from bot.digest.report import report_message
from ritual.digest_data import DigestData
from texts import t

HOME_LOG_ACTION = "home_log"
KINDS = ("cost", "hours", "note", "record")


def home_view(data: DigestData) -> dict:
    lang = data.lang
    buttons = ActionsBlock(elements=[
        ButtonElement(text=t(f"title_{kind}", lang), action_id=f"{HOME_LOG_ACTION}:{kind}",
                      value=kind, style="primary" if kind == "cost" else None)
        for kind in KINDS
    ])
    blocks = [buttons.to_dict(), DividerBlock().to_dict(), *report_message(data)["blocks"]]
    return {"type": "home", "blocks": blocks[:100]}
