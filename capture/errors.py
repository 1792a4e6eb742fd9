"""Input errors as codes with parameters; the edge turns them into words (texts.say)."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: a catalogue code naming the problem, and the values the text shows."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        details = ", ".join(f"{key}={value!r}" for key, value in self.params.items())
        return f"{self.code}({details})"
