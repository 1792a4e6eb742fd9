"""Texts about the demo workspace and refusals to post (issue 21: the demo never posts)."""

from __future__ import annotations

START_TEXTS: dict[str, dict[str, str]] = {
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
}
