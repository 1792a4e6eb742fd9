"""A command's words and its key:value options (the tokenizer the capture parsers share)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from capture.errors import InputError

OPTION = re.compile(r"^(?P<key>[a-zäöüß_]+):(?P<value>.*)$", re.IGNORECASE)
OPTION_ALIASES = {
    "date": "date", "datum": "date", "channel": "channel", "kanal": "channel",
    "every": "every", "alle": "every", "jeden": "every", "cause": "cause", "ursache": "cause",
    "kind": "kind", "art": "kind",
}
ALLOWED = {
    "cost": ("date", "channel", "every"),
    "hours": ("date", "channel"),
    "note": ("date", "kind"),
    "record": ("date", "channel", "cause"),
}


@dataclass
class Tokens:
    """A command's words and its key:value options."""

    words: list[str] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)


def tokenize(text: str, command: str, strict: bool = True) -> Tokens:
    """Split words from options; unknown options are errors (or words, when not strict)."""
    tokens = Tokens()
    allowed = ALLOWED[command]
    for word in (text or "").split():
        match = OPTION.match(word)
        key = OPTION_ALIASES.get(match["key"].lower()) if match else None
        if match and key in allowed:
            tokens.options[key] = match["value"]
        elif match and strict and "//" not in word:
            raise InputError("unknown_option", key=match["key"],
                             valid=", ".join(f"{k}:" for k in allowed), command=command)
        else:
            tokens.words.append(word)
    return tokens
