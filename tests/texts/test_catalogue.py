"""One catalogue: every text in German and English, and a text for every code a layer returns."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from capture.errors import InputError
from metrics.reasons import Reason
from texts import say, t
from texts.catalogue import CATALOGUE

ROOT = Path(__file__).resolve().parents[2]
CODE_MAKERS = {"InputError", "SettingError", "Missing", "Reason", "Problem", "t", "say"}
PACKAGES = ("bot", "cli", "web", "ritual", "capture", "storage", "metrics")


def codes_in_source() -> set[str]:
    """Every string literal passed first to a code-making call anywhere in the code."""
    codes = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in CODE_MAKERS
                        and node.args and isinstance(node.args[0], ast.Constant)
                        and isinstance(node.args[0].value, str)):
                    codes.add(node.args[0].value)
    return codes


def test_every_text_is_in_german_and_english():
    incomplete = [key for key, texts in CATALOGUE.items()
                  if set(texts) != {"de", "en"} or not all(texts.values())]
    assert incomplete == []


def test_every_code_the_lower_layers_return_has_a_text():
    missing = sorted(code for code in codes_in_source() if code not in CATALOGUE)
    assert len(codes_in_source()) > 60 and missing == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_text_renders_with_only_its_own_parameters(lang):
    for key in CATALOGUE:
        assert isinstance(t(key, lang), str)


def test_german_workspaces_read_german_null_reasons_and_alert_reasons():
    assert say(Reason("kpi.not_recorded", {"what": "revenue"}), "de") == "Umsatz nicht erfasst"
    rendered = say(Reason("drift.binomial", {"errors": 4, "orders": 20, "usual": 3.5,
                                             "probability": 0.00001, "alpha": 0.00135,
                                             "cause": "rework"}), "de")
    assert "3,5 je 100" in rendered and "< 0,0001" in rendered and "Ursache: Nacharbeit" in rendered


def test_an_input_error_names_the_example_of_its_command():
    error = InputError("unknown_option", key="foo", valid="date:", command="hours")
    assert "/hours 1h30 support" in say(error, "en")
