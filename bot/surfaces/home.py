"""The App Home tab: the ritual's dashboard – the 13-week scorecard, gaps, digests, logging.

One section per KPI (25 at most), one cell per week with its value and goal colour, so the
view stays within Block Kit's limits (100 blocks, 3,000 characters per text).
"""

from __future__ import annotations

import html
import re

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.digest.cohort_words import home_repeat_line
from bot.digest.content import STATUS_ICON
from bot.mrkdwn import escape_user_text, escaped
from bot.permalinks import channel_link
from metrics.vocabulary import direction
from ritual.scorecard_grid import GridCell, GridRow, TrailingGrid
from texts import t
from texts.format import format_value, input_label, label
from texts.limits import SECTION_TEXT, cut

HOME_LOG_ACTION = "home_log"
KINDS = ("cost", "hours", "note", "record")
GAP = "▫️"
FILLING = "⏳"  # a window KPI with under half its weeks recorded
PAUSED = "⏸️"
MAX_HOME_BLOCKS = 100
LINK = re.compile(r"<(https?://[^|>]+)\|([^>]+)>")
MENTION = re.compile(r"<@([A-Z0-9]+)>")


def _md(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=cut(text, SECTION_TEXT))


def _cell(kpi: str, cell: GridCell, grid: TrailingGrid) -> str:
    lang = grid.workspace.language
    if cell.paused:
        return f"{cell.week.week} {PAUSED}"
    if cell.value is None:
        return f"{cell.week.week} {FILLING if cell.incomplete else GAP}"
    icon = STATUS_ICON[cell.status] if cell.target is not None else STATUS_ICON[None]
    shown = format_value(kpi, escaped(cell.value), lang, grid.workspace.currency, grid.own)
    return f"{cell.week.week} {icon} {shown}"


def row_text(row: GridRow, grid: TrailingGrid) -> str:
    """`*Label* (goal ≥ …)` and the row's cells, oldest week first."""
    lang = grid.workspace.language
    target = row.cells[-1].target if row.cells else None
    goal = ""
    if target is not None:
        sign = "≥" if direction(row.kpi) == "higher" else "≤"
        goal = (f" ({t('digest.goal', lang)} {sign} "
                f"{format_value(row.kpi, target, lang, grid.workspace.currency, grid.own)})")
    cells = " · ".join(_cell(row.kpi, cell, grid) for cell in row.cells)
    return f"*{escape_user_text(label(row.kpi, lang, grid.own))}*{goal}\n{cells}"


def missing_text(grid: TrailingGrid) -> str:
    lang, week = grid.workspace.language, grid.current.week
    if not grid.missing:
        return t("home_complete", lang, week=week)
    names = ", ".join(input_label(name, lang) + (f" (<@{owner}>)" if owner else "")
                      for name, owner in grid.missing)
    return t("home_missing", lang, week=week, names=names)


def digests_text(grid: TrailingGrid, links: dict[str, str]) -> str:
    lang = grid.workspace.language
    shown = [f"<{links.get(str(d.week)) or channel_link(d.channel)}|"
             f"{t('week_short', lang, week=d.week.week)}>" for d in grid.digests]
    return t("home_digests", lang, links=" · ".join(shown)) if shown else t("home_no_digests", lang)


def home_blocks(grid: TrailingGrid, links: dict[str, str]) -> list[Block]:
    """Logging buttons, the grid's title and legend, a section per KPI, gaps and digests."""
    lang = grid.workspace.language
    blocks: list[Block] = [
        ActionsBlock(elements=[
            ButtonElement(text=t(f"title_{kind}", lang), action_id=f"{HOME_LOG_ACTION}:{kind}",
                          value=kind, style="primary" if kind == "cost" else None)
            for kind in KINDS]),
        HeaderBlock(text=cut(t("home_title", lang, n=len(grid.weeks)), 150)),
        ContextBlock(elements=[_md(t("home_legend", lang))]),
        SectionBlock(text=_md(missing_text(grid))),
        DividerBlock(),
        *(SectionBlock(text=_md(row_text(row, grid))) for row in grid.rows),
        *([ContextBlock(elements=[_md(repeat)])] if (repeat := home_repeat_line(
            grid.cohorts, lang)) else []),
        DividerBlock(),
        SectionBlock(text=_md(digests_text(grid, links))),
    ]
    return blocks[:MAX_HOME_BLOCKS]


def grid_message(grid: TrailingGrid, links: dict[str, str]) -> dict:
    """`/kpi report t13w`: the same grid as an ephemeral message (at most 50 blocks)."""
    blocks = [b.to_dict() for b in home_blocks(grid, links)[1:]]
    return {"text": t("home_title", grid.workspace.language, n=len(grid.weeks)), "blocks": blocks}


def home_view(grid: TrailingGrid, links: dict[str, str] | None = None) -> dict:
    """The published App Home view."""
    return {"type": "home", "blocks": [b.to_dict() for b in home_blocks(grid, links or {})]}


def home_text(grid: TrailingGrid, links: dict[str, str] | None = None) -> str:
    """The same dashboard as plain text (the demo's home.txt)."""
    lines = []
    for block in home_view(grid, links)["blocks"]:
        if block["type"] == "actions":
            lines.append(" ".join(f"[{e['text']['text']}]" for e in block["elements"]))
        elif block["type"] == "divider":
            lines.append("—" * 40)
        elif block["type"] == "context":
            lines += [e["text"] for e in block["elements"]]
        else:
            lines.append(block["text"]["text"])
    text = "\n".join(lines).replace("*", "")
    return html.unescape(MENTION.sub(r"@\1", LINK.sub(r"\2", text))) + "\n"
