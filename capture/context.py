"""How input is read in a workspace: its today, language, currency, category map, own metrics."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from metrics.vocabulary import DEFAULT_CATEGORY_CLASSES


@dataclass(frozen=True)
class ParseContext:
    today: date
    lang: str = "de"
    currency: str = "EUR"
    category_classes: Mapping[str, str] = field(
        default_factory=lambda: dict(DEFAULT_CATEGORY_CLASSES))
    own_metrics: frozenset[str] = frozenset()  # keys of the workspace's own metrics
