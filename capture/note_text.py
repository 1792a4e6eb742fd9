"""A note's text as people read it: the experiment syntax (`kpi:… up 5% since:…`) left out."""

from __future__ import annotations

from capture.hypothesis import DIRECTIONS, FILLERS, PERCENT_WORDS, SIZE, TRAILING, _option


def shown_text(text: str) -> str:
    """The words of a note without `kpi:KEY up|down [N %]`, `since:`, `kind:` and `date:` (the
    stored text keeps them)."""
    words = (text or "").split()
    kept: list[str] = []
    at = 0
    while at < len(words):
        option = _option(words[at])
        at += 1
        if option is None:
            kept.append(words[at - 1])
        elif option[0] == "kpi":
            at = _after_claim(words, at)
    return " ".join(kept).strip() or (text or "").strip()


def _after_claim(words: list[str], at: int) -> int:
    """The index after the direction and size that follow `kpi:KEY` (as far as they are there)."""
    if at < len(words) and words[at].lower().rstrip(TRAILING) in DIRECTIONS:
        at += 1
        if at < len(words) and words[at].lower() in FILLERS:
            at += 1
        match = SIZE.match(words[at].rstrip(TRAILING)) if at < len(words) else None
        if match:
            at += 1
            if not match["percent"] and at < len(words) and \
                    words[at].lower().rstrip(TRAILING) in PERCENT_WORDS:
                at += 1
    return at
