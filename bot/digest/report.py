"""`/kpi report`: the scorecard and alerts of the running week, ephemeral."""

from __future__ import annotations

from slack_sdk.models.blocks import ContextBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from bot.digest.blocks import scorecard_blocks
from bot.digest.content import alert_lines, gap_line, header, north_star_line
from ritual.digest_data import DigestData


def report_message(data: DigestData) -> dict:
    """Header, north star, scorecard, data gaps and alerts."""
    blocks = [
        HeaderBlock(text=header(data)[:150]),
        SectionBlock(text=MarkdownTextObject(text=north_star_line(data))),
        *scorecard_blocks(data),
    ]
    gap = gap_line(data)
    if gap:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=gap)]))
    alerts = "\n".join(alert_lines(data))[:3000]
    blocks.append(SectionBlock(text=MarkdownTextObject(text=alerts)))
    return {"text": header(data), "blocks": [b.to_dict() for b in blocks]}
