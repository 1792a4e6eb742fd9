"""What the digest adds while data is thin: the commands for missing inputs, partial windows."""

from __future__ import annotations

from collections.abc import Iterable

from metrics.windows import WINDOW_WEEKS, is_complete
from ritual.digest_data import DigestData
from texts import t
from texts.digest import record_command


def thin_data(data: DigestData) -> bool:
    """The workspace's first weeks: the north star has no value or rests on part of its window."""
    kpi = data.report.kpis.get(data.workspace.north_star)
    return kpi is None or kpi.value is None or not is_complete(kpi)


def how_to_record_line(data: DigestData, inputs: Iterable[str]) -> str | None:
    """While data is thin: the command that records each missing input, in the workspace's
    language."""
    commands = [f"`{command}`" for name in inputs
                if (command := record_command(name, data.lang)) is not None]
    if not commands or not thin_data(data):
        return None
    return t("digest.how_to_record", data.lang, commands=" · ".join(commands))


def window_part(data: DigestData, kpi: str) -> str:
    """" (aus 3 von 4 Wochen)" after a value that rests on part of its window, else ""."""
    value = data.report.kpis.get(kpi)
    if value is None or value.value is None or is_complete(value):
        return ""
    part = t("digest.window_part", data.lang, used=value.weeks_used,
             weeks=WINDOW_WEEKS[value.window])
    return f" _({part})_"
