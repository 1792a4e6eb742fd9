"""Input errors that name the problem and show a correct example, in German or English."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input; `message(lang)` says what is wrong and how it would be right."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str) -> str:
        from capture.messages import render

        return render(self.code, lang, self.params)

    def __str__(self) -> str:
        return self.message("en")
