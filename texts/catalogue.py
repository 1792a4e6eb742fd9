"""All text tables merged into one catalogue: one key, one text per language."""

from __future__ import annotations

from texts.customers import CUSTOMER_TEXTS
from texts.digest import DIGEST_TEXTS
from texts.entries import ENTRY_TEXTS
from texts.experiments import EXPERIMENT_TEXTS
from texts.imports import IMPORT_TEXTS
from texts.inputs import INPUT_TEXTS
from texts.lifecycle import LIFECYCLE_TEXTS
from texts.own_metrics import OWN_METRIC_TEXTS
from texts.reasons import REASON_TEXTS
from texts.ritual_edits import RITUAL_EDIT_TEXTS
from texts.ritual_owners import OWNER_TEXTS
from texts.settings import SETTING_TEXTS
from texts.trust import TRUST_TEXTS
from texts.words import REPORT_TEXTS


def _merge(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for table in tables:
        clash = merged.keys() & table.keys()
        if clash:
            raise KeyError(f"text keys defined twice: {sorted(clash)}")
        merged.update(table)
    return merged


CATALOGUE = _merge(ENTRY_TEXTS, {f"digest.{k}": v for k, v in DIGEST_TEXTS.items()}, INPUT_TEXTS,
                   SETTING_TEXTS, REASON_TEXTS, EXPERIMENT_TEXTS, LIFECYCLE_TEXTS,
                   RITUAL_EDIT_TEXTS, OWNER_TEXTS, TRUST_TEXTS, IMPORT_TEXTS, OWN_METRIC_TEXTS,
                   CUSTOMER_TEXTS, REPORT_TEXTS)
