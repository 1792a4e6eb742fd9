"""The German words a workspace reads are words it may type: each maps back to its key."""

from __future__ import annotations

import pytest

from capture.vocabulary import (
    CAUSES,
    activity_of,
    category_of,
    cause_of,
    cost_class_of,
    metric_of,
    note_kind_of,
)
from metrics.vocabulary import (
    ACTIVITIES,
    COST_CLASSES,
    DEFAULT_CATEGORY_CLASSES,
    NOTE_KINDS,
    RECORDED_METRICS,
)
from texts.words import (
    ACTIVITY_WORDS,
    CATEGORY_WORDS,
    CAUSE_WORDS,
    CLASS_WORDS,
    METRIC_WORDS,
    NOTE_KIND_WORDS,
    typed_word,
    word,
    words,
)

KINDS = [(RECORDED_METRICS, METRIC_WORDS, metric_of), (ACTIVITIES, ACTIVITY_WORDS, activity_of),
         (CAUSES, CAUSE_WORDS, cause_of), (COST_CLASSES, CLASS_WORDS, cost_class_of),
         (NOTE_KINDS, NOTE_KIND_WORDS, note_kind_of)]


@pytest.mark.parametrize(("keys", "german", "parse"), KINDS)
def test_every_key_has_a_german_word_that_reads_back_as_the_key(keys, german, parse):
    for key in keys:
        assert parse(word(key, "de")) == key
        assert parse(word(key, "de").upper()) == key
        assert parse(key) == key  # the English key is accepted too
        assert parse(typed_word(key, "de")) == key


def test_every_default_category_reads_back_as_a_category_of_the_same_class():
    for key in DEFAULT_CATEGORY_CLASSES:
        german = word(key, "de")
        assert DEFAULT_CATEGORY_CLASSES[category_of(german)] == DEFAULT_CATEGORY_CLASSES[key]
    assert category_of(CATEGORY_WORDS["ads"]) == "ads"


def test_english_shows_the_keys_and_unknown_words_stay_as_typed():
    assert word("revenue", "en") == "revenue" and word("rework", "en") == "rework"
    assert word("Versandfehler", "de") == "Versandfehler"
    assert words(("support", "other"), "de") == "Kundenservice, Sonstiges"
    assert cause_of("Lieferant") == "lieferant" and category_of("Hosting") == "hosting"


def test_the_charts_name_activities_as_the_texts_do():
    from metrics.chart_words import ACTIVITY_NAMES

    assert ACTIVITY_NAMES["de"] == ACTIVITY_WORDS


def test_every_recorded_metric_has_a_german_word():
    from metrics.vocabulary import RECORDED_METRICS
    from texts.words import GERMAN

    assert [metric for metric in RECORDED_METRICS if metric not in GERMAN] == []
