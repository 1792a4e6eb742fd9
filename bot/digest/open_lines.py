"""The imported bank and PayPal lines no rule categorised yet, in the digest's thread: the most
recent (the largest first within a day), at most ten, each with a select of categories; a
choice becomes a rule for the line's counterparty (`/kpi rule`)."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, Option, SectionBlock, StaticSelectElement

from bot.digest.blocks import markdown
from bot.mrkdwn import escape_user_text
from ritual.digest_data import DigestData
from ritual.import_rules import OpenLines
from storage.import_rules import OpenLine
from texts import t
from texts.format import format_value
from texts.limits import cut

OPEN_LINE_ACTION = "open_line_category"
MAX_CATEGORIES = 100


def line_text(line: OpenLine, lang: str) -> str:
    """`02.03. · -29,90 € · Hoster GmbH – Hosting März` (the person's words escaped)."""
    words = " – ".join(cut(escape_user_text(" ".join(part.split())), 120)
                       for part in (line.counterparty, line.purpose) if part and part.strip())
    amount = format_value("revenue", line.amount, lang, line.currency)
    return f"{line.occurred_on:%d.%m.} · {amount} · {words or '–'}"


def _select(line: OpenLine, open_lines: OpenLines, lang: str) -> StaticSelectElement:
    return StaticSelectElement(
        action_id=f"{OPEN_LINE_ACTION}:{line.id}", placeholder=t("import.open_placeholder", lang),
        options=[Option(value=category, text=category)
                 for category in open_lines.categories[:MAX_CATEGORIES]])


def open_line_blocks(data: DigestData, room: int) -> list[Block]:
    """A title and one block per line (its select beside it), within `room` blocks."""
    open_lines = data.open_lines
    if open_lines is None or not open_lines.lines or room < 2:
        return []
    shown = open_lines.lines[:room - 1]
    title = t("import.open_title", data.lang, n=open_lines.total)
    if open_lines.total > len(shown):
        title += "\n" + t("import.open_more", data.lang, n=open_lines.total - len(shown))
    return [SectionBlock(text=markdown(title)),
            *(SectionBlock(text=markdown(line_text(line, data.lang)),
                           accessory=_select(line, open_lines, data.lang)) for line in shown)]
