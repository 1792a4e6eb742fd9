"""Texts of the leftovers branch: refusing to post the digest of a paused week."""

from __future__ import annotations

LEFTOVER_TEXTS: dict[str, dict[str, str]] = {
    "digest_paused": {
        "de": "⏸️ {week} ist pausiert: für eine pausierte Woche wird kein Digest gepostet, auch "
              "nicht auf Wunsch. `/kpi digest` zeigt eine Vorschau.",
        "en": "⏸️ {week} is paused: no digest is posted for a paused week, not even on request. "
              "`/kpi digest` shows a preview.",
    },
}
