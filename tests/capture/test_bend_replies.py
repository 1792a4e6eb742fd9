"""A reply starting with 'KW 34:' answers the question about that week's bend."""

from __future__ import annotations

from datetime import date

from capture.replies import bend_reply


def test_a_week_marker_names_the_sunday_of_that_week():
    assert bend_reply("KW 34: Großkunde Café", "2026-W48") == (date(2026, 8, 23), "Großkunde Café")
    assert bend_reply("W34 - new café customer", "2026-W48") == (date(2026, 8, 23), "new café customer")
    assert bend_reply("kw34. Café", "2026-W48") == (date(2026, 8, 23), "Café")


def test_a_week_after_the_digest_week_number_belongs_to_the_year_before():
    assert bend_reply("KW 50: Weihnachtsgeschäft", "2027-W02") == (date(2026, 12, 13), "Weihnachtsgeschäft")
    assert bend_reply("W52/2025: old", "2026-W10") == (date(2025, 12, 28), "old")


def test_anything_else_is_no_bend_answer():
    assert bend_reply("1 Newsletter lief gut", "2026-W48") is None
    assert bend_reply("KW 34:", "2026-W48") is None  # nothing said
    assert bend_reply("KW 60: nope", "2026-W48") is None
    assert bend_reply("W49/2026: future", "2026-W48") is None
    assert bend_reply("Wir haben KW 34: …", "2026-W48") is None


def test_a_week_before_2000_is_no_bend_answer():
    assert bend_reply("W34/1900: ancient", "2026-W48") is None
    assert bend_reply("KW 1/0001: nope", "2026-W48") is None
