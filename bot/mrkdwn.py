"""Text that people typed, made safe for Slack mrkdwn: no pings, no disguised links."""

from __future__ import annotations

import re

USER_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def escape_user_text(text: str) -> str:
    """Escape &, < and > so `<!channel>`, `<!here>`, `<!subteam^…>` and `<url|label>` show as
    typed instead of pinging or linking; user mentions `<@U…>` stay mentions."""
    mentions: list[str] = []

    def keep(match: re.Match) -> str:
        mentions.append(f"<@{match.group(1)}>")
        return f"\x00{len(mentions) - 1}\x00"

    held = USER_MENTION.sub(keep, text)
    escaped = held.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\x00(\d+)\x00", lambda m: mentions[int(m.group(1))], escaped)


USER_ID = re.compile(r"[UW][A-Z0-9]+")


def person(user_id: str | None) -> str:
    """A stored user id as a mention; anything else (a forgotten person, a name an import
    brought) as inert text, "–" when there is none."""
    if not user_id:
        return "–"
    return f"<@{user_id}>" if USER_ID.fullmatch(user_id) else escape_user_text(user_id)
