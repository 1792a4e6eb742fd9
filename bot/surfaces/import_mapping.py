"""The mapping form behind [Zuordnung ändern]: which column of a file holds the date, the amount
(or debit and credit), the purpose, the counterparty, an id, the currency; the date format and
decimal mark; the name it is saved under (with its header, when the file is imported)."""

from __future__ import annotations

import json
import re
from pathlib import PurePath

from slack_sdk.models.blocks import (
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.mrkdwn import escape_user_text
from bot.surfaces.modals import MAX_OPTIONS, OPTION_TEXT, OPTION_VALUE, submitted_values
from texts import t
from texts.limits import cut

MAPPING_CALLBACK = "export_import_mapping"
COLUMN_FIELDS = ("date", "amount", "debit", "credit", "description", "counterparty", "id",
                 "currency")
DATE_FORMATS = (("%d.%m.%Y", "31.12.2026"), ("%d.%m.%y", "31.12.26"), ("%Y-%m-%d", "2026-12-31"),
                ("%d/%m/%Y", "31/12/2026"), ("%m/%d/%Y", "12/31/2026"))
DECIMALS = ((",", "1.234,56"), (".", "1,234.56"))
DEFAULT_NAME = "bank"
NOT_IN_NAME = re.compile(r"[^a-z0-9_-]+")
GUESSES = {"date": ("buchungstag", "buchungsdatum", "datum", "date"),
           "amount": ("betrag", "amount"),
           "description": ("verwendungszweck", "buchungstext", "beschreibung", "text",
                           "description", "purpose", "memo"),
           "counterparty": ("empfänger", "auftraggeber", "zahlungsbeteiligter", "payee",
                            "counterparty", "name"),
           "currency": ("währung", "waehrung", "currency")}


def mappable(columns: list[str]) -> list[str]:
    """The column names a mapping can name (no comma, which separates a mapping's parts; short
    enough for a select's value), each once."""
    return list(dict.fromkeys(c for c in columns if c and "," not in c and len(c) <= OPTION_VALUE))


def default_name(file_name: str) -> str:
    """A mapping name from the file's name (`Umsätze Musterbank.csv` → `ums-tze-musterbank`)."""
    name = NOT_IN_NAME.sub("-", PurePath(file_name).stem.lower()).strip("-")[:32].strip("-")
    return name or DEFAULT_NAME


def guess(field: str, columns: list[str]) -> str | None:
    """The column whose name says it holds the field (the first hint that matches wins)."""
    for hint in GUESSES.get(field, ()):
        found = next((column for column in columns if hint in column.casefold()), None)
        if found is not None:
            return found
    return None


def _select(block_id: str, label: str, options: list[tuple[str, str]], optional: bool,
            initial: str | None = None) -> InputBlock:
    shown = [Option(value=value, text=cut(text, OPTION_TEXT)) for value, text in options[:MAX_OPTIONS]]
    chosen = next((option for option in shown if option.value == initial), None)
    if chosen is None and not optional:
        chosen = shown[0]
    return InputBlock(block_id=block_id, label=label, optional=optional, element=StaticSelectElement(
        action_id="value", options=shown, initial_option=chosen))


def mapping_modal(lang: str, file_name: str, columns: list[str], meta: dict) -> dict:
    """The form for one file's columns; `meta` (file id, channel, thread) rides along."""
    usable = mappable(columns)
    choices = [(column, column) for column in usable]
    blocks = [SectionBlock(text=MarkdownTextObject(text=t("import.map_intro", lang,
                                                          name=escape_user_text(cut(file_name, 200))))),
              InputBlock(block_id="name", label=t("import.map_name", lang),
                         hint=t("import.map_name_hint", lang),
                         element=PlainTextInputElement(action_id="value",
                                                       initial_value=default_name(file_name),
                                                       max_length=32))]
    blocks += [_select(field, t(f"import.map_{field}", lang), choices, optional=field != "date",
                       initial=guess(field, usable))
               for field in COLUMN_FIELDS]
    blocks += [_select("date_format", t("import.map_date_format", lang), list(DATE_FORMATS), False),
               _select("decimal", t("import.map_decimal", lang), list(DECIMALS), False)]
    return View(type="modal", callback_id=MAPPING_CALLBACK, title=t("import.map_title", lang),
                submit=t("import.map_submit", lang), close=t("import.cancel_button", lang),
                private_metadata=json.dumps(meta), blocks=blocks).to_dict()


def submitted_mapping(view: dict) -> tuple[str, str] | None:
    """(the mapping as `key=column,…`, its name) from the form; None without an amount (or
    debit and credit)."""
    values = submitted_values(view)
    chosen = {field: values[field] for field in COLUMN_FIELDS if values.get(field)}
    if "amount" not in chosen and not {"debit", "credit"} <= chosen.keys():
        return None
    options = f"date_format={values.get('date_format') or '%d.%m.%Y'},decimal={values.get('decimal') or ','}"
    spec = ",".join([*(f"{field}={column}" for field, column in chosen.items()), options])
    return spec, (values.get("name") or DEFAULT_NAME).strip().lower()
