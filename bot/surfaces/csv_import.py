"""Messages about a CSV file: its dry run with an Import button, errors by line, the result."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, MarkdownTextObject, SectionBlock

from bot.mrkdwn import escape_user_text, say_mrkdwn
from bot.surfaces.confirmation import plain_message
from ritual.csv_import import CsvImported, CsvPreview, CsvRejected
from texts import t
from texts.catalogue import CATALOGUE
from texts.limits import cut

IMPORT_ACTION = "csv_import_confirm"
MAX_LINES_SHOWN = 15


def _problem(problem: object, lang: str) -> str:
    return say_mrkdwn(problem, lang) if hasattr(problem, "code") else escape_user_text(str(problem))


def _kind(kind: str, lang: str) -> str:
    key = f"csv.kind.{kind}"
    return t(key, lang) if key in CATALOGUE else kind


def rejected_message(name: str, rejected: CsvRejected) -> dict:
    lang = rejected.lang
    lines = "\n".join("• " + t("csv.line", lang, line=line, problem=_problem(problem, lang))
                      for line, problem in rejected.errors[:MAX_LINES_SHOWN])
    return plain_message(cut(t("csv.errors", lang, name=escape_user_text(name), n=len(rejected.errors),
                               lines=lines)))


def preview_message(name: str, file_id: str, preview: CsvPreview | CsvRejected) -> dict:
    if isinstance(preview, CsvRejected):
        return rejected_message(name, preview)
    lang = preview.lang
    kinds = ", ".join(f"{n} {_kind(kind, lang)}" for kind, n in sorted(preview.by_kind.items()))
    message = cut(t("csv.preview", lang, name=escape_user_text(cut(name, 200)), n=preview.rows, kinds=kinds))
    blocks = [SectionBlock(text=MarkdownTextObject(text=message)),
              ActionsBlock(elements=[ButtonElement(text=t("csv.import", lang), style="primary",
                                                   action_id=IMPORT_ACTION, value=file_id)])]
    return {"text": message, "blocks": [b.to_dict() for b in blocks]}


def imported_message(name: str, outcome: CsvImported | CsvRejected) -> dict:
    if isinstance(outcome, CsvRejected):
        return rejected_message(name, outcome)
    return plain_message(t("csv.done", outcome.lang, added=outcome.result.added,
                           dupes=outcome.result.duplicates))


def download_failed(lang: str, error: Exception) -> dict:
    host = getattr(error, "host", None)
    if host is not None:
        return plain_message(t("csv.untrusted_url", lang, host=escape_user_text(str(host))))
    return plain_message(t("csv.download", lang, error=escape_user_text(cut(str(error), 200))))
