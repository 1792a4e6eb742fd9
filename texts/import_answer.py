"""The JSON answer of an import (CLI `--json` and `POST /ingest/v1/files`): counts, problems by
line in the workspace's language, week figures with money as decimal strings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from texts import say

CENT = Decimal("0.01")


def _money(value: Decimal) -> str:
    return str(Decimal(value).quantize(CENT))


def weeks_json(weeks: dict[str, Any]) -> dict[str, dict]:
    """Week figures with money as decimal strings (the `weeks` of the JSON answer)."""
    return {week: {"revenue": _money(f.revenue), "refunds": _money(f.refunds), "orders": f.orders,
                   "payment_fees": _money(f.payment_fees), "costs": _money(f.costs),
                   "transfers": _money(f.transfers), "uncategorized": f.uncategorized}
            for week, f in weeks.items()}


def summary_json(summary: Any) -> dict:
    """An ImportSummary as one JSON object; `import_id` only when something was stored."""
    answer = {"source": summary.source, "rows": summary.rows, "new": summary.new,
              "updated": summary.updated, "duplicate": summary.duplicate,
              "skipped": summary.skipped,
              "errors": [{"line": p.line, "code": p.code, "message": say(p, summary.lang)}
                         for p in summary.errors],
              "weeks": weeks_json(summary.weeks)}
    if getattr(summary, "without_customer", 0):
        answer["orders_without_customer"] = summary.without_customer
    if summary.import_id is not None:
        answer["import_id"] = summary.import_id
    return answer
