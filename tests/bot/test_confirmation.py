"""A confirmation's Undo and Edit buttons, built once per language, carry each entry's own id."""

from __future__ import annotations

import copy

import pytest

from bot.surfaces.confirmation import EDIT_ACTION, UNDO_ACTION, saved_message
from tests.bot.helpers import assert_valid_blocks


def _buttons(message: dict) -> dict[str, str]:
    actions = message["blocks"][1]
    return {button["action_id"]: button["value"] for button in actions["elements"]}


@pytest.mark.parametrize(("lang", "undo"), [("de", "Rückgängig"), ("en", "Undo")])
def test_each_confirmation_names_its_own_entry(lang, undo):
    first = saved_message("12,50 € · Tools", 17, lang)
    kept = copy.deepcopy(first)

    second = saved_message("3 h · support", 18, lang)

    assert first == kept  # building the second changed nothing of the first
    assert _buttons(first) == {UNDO_ACTION: "17", EDIT_ACTION: "17"}
    assert _buttons(second) == {UNDO_ACTION: "18", EDIT_ACTION: "18"}
    assert undo in first["blocks"][1]["elements"][0]["text"]["text"]
    assert_valid_blocks(first["blocks"] + second["blocks"])
