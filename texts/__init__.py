"""The one catalogue of everything northstar says to people, in German and English.

Lower layers (capture, metrics, storage, ritual) return codes with parameters; the edges
(Slack adapter, command line, ingestion endpoint) turn them into text here.
"""

from __future__ import annotations

from texts.catalogue import CATALOGUE
from texts.format import localise
from texts.inputs import EXAMPLES, examples
from texts.words import word

FALLBACK = "en"


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def t(key: str, lang: str, /, **params: object) -> str:
    """The text for a key in the language (English when the language is unknown)."""
    entry = CATALOGUE[key]
    template = entry.get(lang) or entry[FALLBACK]
    if not params and "{" not in template:
        return template
    values = _Blank({**examples(lang), **{k: "" if v is None else v for k, v in params.items()}})
    return template.format_map(values)


def say(problem: object, lang: str) -> str:
    """The text for anything that carries a `code` and `params` (input errors, refusals)."""
    params = dict(getattr(problem, "params", {}) or {})
    command = params.pop("command", None)
    if command in EXAMPLES:
        params.setdefault("example", examples(lang)[command])
    suggestion = params.get("suggestion")
    if suggestion:
        params["hint"] = t("did_you_mean", lang, suggestion=word(suggestion, lang))
    if "cause" in params:
        params["cause_part"] = t("drift.cause_part", lang, cause=word(params["cause"], lang))
    rendered = {key: say(value, lang) if hasattr(value, "code") else localise(key, value, lang)
                for key, value in params.items()}
    return t(problem.code, lang, **rendered)

