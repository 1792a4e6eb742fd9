"""Texts of issue 21 (numbers a shop owner can trust): the demo, refusals, ingested dates."""

from __future__ import annotations

TRUST_TEXTS: dict[str, dict[str, str]] = {
    "digest_demo": {
        "de": "Das ist der Demo-Betrieb von `northstar demo`: für ihn wird nie etwas gepostet.",
        "en": "This is the sample business of `northstar demo`: nothing is ever posted for it.",
    },
    "digest_refused": {
        "de": "❌ Slack hat den Digest abgelehnt ({error}); ich versuche es automatisch erneut. "
              "Ist der Bot im Kanal?",
        "en": "❌ Slack refused the digest ({error}); I will retry automatically. "
              "Is the bot in the channel?",
    },
    "event_date_invalid": {
        "de": "{field} „{text}“ ist kein Datum: erlaubt sind 2026-12-04, 04.12.2026, "
              "2026-12-04T14:33:00+01:00 oder Unix-Sekunden.",
        "en": "{field} “{text}” is not a date: use 2026-12-04, 04.12.2026, "
              "2026-12-04T14:33:00+01:00 or Unix seconds.",
    },
    "event_time_without_offset": {
        "de": "{field} „{text}“ hat keine Zeitzone: z. B. 2026-12-04T14:33:00+01:00 oder "
              "2026-12-04T13:33:00Z.",
        "en": "{field} “{text}” has no offset: e.g. 2026-12-04T14:33:00+01:00 or "
              "2026-12-04T13:33:00Z.",
    },
}
