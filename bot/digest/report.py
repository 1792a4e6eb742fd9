"""`/kpi report`: the scorecard and alerts of the running week, ephemeral."""

from __future__ import annotations

from slack_sdk.models.blocks import ContextBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from bot.digest.blocks import scorecard_blocks
from bot.digest.content import alert_lines, gap_line, header, north_star_line
from bot.mrkdwn import escape_user_text, escaped
from ritual.digest_data import DigestData
from texts import t
from texts.format import format_value


def own_metric_lines(data: DigestData) -> list[str]:
    """The week's value of each of the workspace's own metrics."""
    lines = []
    for metric in data.own_metrics:
        kpi = data.report.kpis.get(metric.key)
        value = format_value(metric.key, escaped(kpi.value) if kpi else None, data.lang,
                             data.currency, data.own)
        lines.append(f"• *{escape_user_text(metric.label)}*: {value}")
    return lines


def report_message(data: DigestData) -> dict:
    """Header, north star, scorecard, own metrics, data gaps and alerts."""
    blocks = [
        HeaderBlock(text=header(data)[:150]),
        SectionBlock(text=MarkdownTextObject(text=north_star_line(data))),
        *scorecard_blocks(data),
    ]
    own = own_metric_lines(data)
    if own:
        text = "\n".join([t("own_metric_title", data.lang), *own])[:3000]
        blocks.append(SectionBlock(text=MarkdownTextObject(text=text)))
    gap = gap_line(data)
    if gap:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=gap)]))
    alerts = "\n".join(alert_lines(data))[:3000]
    blocks.append(SectionBlock(text=MarkdownTextObject(text=alerts)))
    return {"text": header(data), "blocks": [b.to_dict() for b in blocks]}
