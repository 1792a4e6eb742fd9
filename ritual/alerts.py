"""Alerts are stored once per week and kind, so the next digest can say new / persists / cleared.

The one place that writes them: when a digest is posted (not when it is previewed).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from metrics.report import WeekReport
from storage.digests import store_alert


def record_alerts(session: Session, workspace_id: str, week: str, report: WeekReport,
                  now: datetime) -> None:
    for verdict in report.alerts:
        store_alert(session, workspace_id, week, verdict.kind, verdict.fired,
                    verdict_details(verdict), now)


def verdict_details(verdict) -> dict:
    """A verdict as JSON-safe details for the alerts table."""
    return {
        "observed": _plain(verdict.observed), "expected": _plain(verdict.expected),
        "limit": _plain(verdict.limit), "baseline_weeks": verdict.baseline_weeks,
        "top_cause": verdict.top_cause, "reason": verdict.reason.code,
        "reason_params": {k: _json_safe(v) for k, v in verdict.reason.params.items()},
    }


def _json_safe(value):
    return float(value) if hasattr(value, "as_integer_ratio") and not isinstance(value, int) else value


def _plain(value):
    return None if value is None else float(value)
