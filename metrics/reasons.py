"""Why a number is missing or an alert fired: a code and the figures its sentence shows.

Metrics never writes sentences; the edge renders a Reason in the workspace's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict = field(default_factory=dict, hash=False)
