"""Text that people typed, made safe for Slack mrkdwn: no pings, no disguised links."""

from __future__ import annotations

import re
from typing import Any

from texts import say

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


class _Escaped:
    """A problem (a code with parameters) whose text parameters are escaped, for `say`."""

    def __init__(self, problem: object) -> None:
        self.code = problem.code
        self.params = {key: escaped(value)
                       for key, value in (getattr(problem, "params", None) or {}).items()}


def escaped(value: Any) -> Any:
    """A value to render in mrkdwn: texts escaped, the names of a dict's parts too (a KPI by
    cause or channel), a nested problem's parameters too; numbers and the rest as they are."""
    if isinstance(value, str):
        return escape_user_text(value)
    if hasattr(value, "code"):
        return _Escaped(value)
    if isinstance(value, dict):
        return {escaped(key): part for key, part in value.items()}
    return value


def say_mrkdwn(problem: object, lang: str) -> str:
    """`say` for a Slack message: the input an error quotes back is shown as typed."""
    return say(_Escaped(problem), lang)


USER_ID = re.compile(r"[UW][A-Z0-9]+")


def person(user_id: str | None) -> str:
    """A stored user id as a mention; anything else (a forgotten person, a name an import
    brought) as inert text, "–" when there is none."""
    if not user_id:
        return "–"
    return f"<@{user_id}>" if USER_ID.fullmatch(user_id) else escape_user_text(user_id)
