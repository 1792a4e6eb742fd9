"""Messages about an export shared with the bot: its dry run with [Importieren] [Zuordnung
ändern] [Abbrechen], the result with [Rückgängig], refusals in one line (an unknown layout with
[Zuordnung ändern])."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, MarkdownTextObject, SectionBlock

from bot.digest.cohort_words import without_customer_line
from bot.mrkdwn import escape_user_text
from bot.surfaces.confirmation import plain_message
from capture.imports.detect import SOURCES
from capture.imports.weekly import Figures
from ritual.file_import import ImportRefusal, ImportSummary
from texts import say, t
from texts.format import format_value
from texts.limits import cut

EXPORT_IMPORT_ACTION = "export_import_confirm"
EXPORT_CANCEL_ACTION = "export_import_cancel"
EXPORT_UNDO_ACTION = "export_import_undo"
EXPORT_MAP_ACTION = "export_import_map"
MAPPABLE_REFUSALS = ("import_map_header_changed", "import_map_columns_missing")
MAX_LINES_SHOWN = 10


def _week_line(week: str, figures: Figures, lang: str, currency: str) -> str:
    money = {name: format_value("revenue", getattr(figures, name), lang, currency)
             for name in ("revenue", "refunds", "payment_fees", "costs", "transfers")}
    return "• " + t("import.week", lang, week=week, orders=figures.orders,
                    uncategorized=figures.uncategorized, **money)


def summary_text(name: str, summary: ImportSummary) -> str:
    """The counts, the problems by line and the week figures of an import or its dry run."""
    lang = summary.lang
    reasons = ", ".join(f"{n} {t(f'import.skip.{reason}', lang)}"
                        for reason, n in sorted(summary.skipped.items()))
    lines = [t("import.slack_preview", lang, name=cut(name, 200), source=summary.source,
               rows=summary.rows, new=summary.new + summary.updated, duplicate=summary.duplicate,
               skipped=sum(summary.skipped.values()), reasons=f" ({reasons})" if reasons else "",
               errors=len(summary.errors))]
    lines += ["• " + t("import.line", lang, line=problem.line, problem=say(problem, lang))
              for problem in summary.errors[:MAX_LINES_SHOWN]]
    lines += [_week_line(week, figures, lang, summary.currency)
              for week, figures in list(summary.weeks.items())[:MAX_LINES_SHOWN]]
    lines += [line for line in [without_customer_line(summary.without_customer, lang)] if line]
    return cut("\n".join(lines))


def _with_buttons(text: str, buttons: list[ButtonElement]) -> dict:
    blocks = [SectionBlock(text=MarkdownTextObject(text=text)), ActionsBlock(elements=buttons)]
    return {"text": text, "blocks": [block.to_dict() for block in blocks]}


def file_choice(file_id: str, mapping: str | None = None, save_as: str | None = None) -> str:
    """A button's value: the file, and the mapping chosen in the form (if any)."""
    if mapping is None:
        return file_id
    return json.dumps({"file": file_id, "map": mapping, "as": save_as}, ensure_ascii=False)


def chosen_file(value: str) -> tuple[str, str | None, str | None]:
    """(file id, mapping, its name) from a button's value."""
    if not value.startswith("{"):
        return value, None, None
    choice = json.loads(value)
    return choice["file"], choice.get("map"), choice.get("as")


def map_button(lang: str, file_id: str) -> ButtonElement:
    return ButtonElement(text=t("import.map_button", lang), action_id=EXPORT_MAP_ACTION,
                         value=file_id)


def preview_message(name: str, file_id: str, summary: ImportSummary,
                    mapping: str | None = None, save_as: str | None = None) -> dict:
    """The dry run; [Importieren] only when something new would be stored."""
    lang = summary.lang
    if summary.new + summary.updated == 0:
        return plain_message(t("import.slack_nothing_new", lang, name=cut(name, 200)))
    value = file_choice(file_id, mapping, save_as)
    return _with_buttons(summary_text(name, summary), [
        ButtonElement(text=t("import.button", lang), style="primary",
                      action_id=EXPORT_IMPORT_ACTION, value=value),
        map_button(lang, file_id),
        ButtonElement(text=t("import.cancel_button", lang), action_id=EXPORT_CANCEL_ACTION,
                      value=file_id)])


def imported_message(name: str, summary: ImportSummary) -> dict:
    """What the import stored, with [Rückgängig] when it stored anything."""
    lang = summary.lang
    text = t("import.slack_done", lang, name=cut(name, 200), new=summary.new,
             updated=summary.updated, duplicate=summary.duplicate)
    if summary.import_id is None:
        return plain_message(text)
    return _with_buttons(text, [ButtonElement(text=t("import.undo_button", lang),
                                              action_id=EXPORT_UNDO_ACTION,
                                              value=summary.import_id)])


def refusal_message(name: str, refusal: ImportRefusal, file_id: str | None = None) -> dict:
    """The refusal in one line; [Zuordnung ändern] when a mapping would read the file."""
    params = {"known": ", ".join(SOURCES), **refusal.params}
    text = f"📄 *{cut(name, 200)}*: " + t(refusal.code, refusal.lang, **params)
    if file_id is None or refusal.code not in MAPPABLE_REFUSALS:
        return plain_message(text)
    return _with_buttons(text, [map_button(refusal.lang, file_id)])


def unknown_layout_message(name: str, lang: str, header: str, file_id: str | None = None) -> dict:
    """A layout no profile knows, with [Zuordnung ändern] to map its columns."""
    text = f"📄 *{escape_user_text(cut(name, 200))}*: " + t(
        "import.slack_unknown_layout", lang, header=escape_user_text(cut(header, 120)),
        known=", ".join(SOURCES))
    return _with_buttons(text, [map_button(lang, file_id)]) if file_id else plain_message(text)


def undone_message(lang: str, import_id: str, rows: int) -> dict:
    return plain_message(t("import.undone", lang, id=import_id, rows=rows))


def cancelled_message(lang: str) -> dict:
    return plain_message(t("import.cancelled", lang))
