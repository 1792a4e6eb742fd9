"""Texts drawn from kept glyph images are the very pixels matplotlib renders afresh; on an
untested matplotlib, or when its glyph hand-over changed, charts are drawn by plain Agg."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure

from metrics import chart_stamps
from metrics.chart_stamps import StampingCanvas, StampingRenderer, forget_texts, kept_texts
from tests.metrics.test_chart_reuse import CHARTS


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The texts rendered by FreeType (not stamped) from here on."""
    forget_texts()
    rendered: list[str] = []
    original = StampingRenderer._rendered

    def counting(self, gc, x, y, s, *args):
        rendered.append(s)
        return original(self, gc, x, y, s, *args)

    monkeypatch.setattr(StampingRenderer, "_rendered", counting)
    yield rendered
    forget_texts()


def test_every_chart_drawn_again_from_kept_glyphs_is_byte_identical(renders, monkeypatch):
    first = {name: draw() for name, draw in CHARTS.items()}
    assert renders and kept_texts() > 0
    renders.clear()

    again = {name: draw() for name, draw in CHARTS.items()}
    assert renders == []  # every text came from the kept glyphs

    # matplotlib's own text drawing
    monkeypatch.setattr(StampingRenderer, "draw_text", RendererAgg.draw_text)
    plain = {name: draw() for name, draw in CHARTS.items()}
    assert first == plain
    assert again == plain


def test_an_untested_matplotlib_draws_the_same_charts_with_plain_agg(renders, monkeypatch):
    stamped = {name: draw() for name, draw in CHARTS.items()}
    monkeypatch.setattr(chart_stamps, "TESTED", ((2, 0),))
    assert chart_stamps.canvas_class() is FigureCanvasAgg
    renders.clear()

    plain = {name: draw() for name, draw in CHARTS.items()}

    assert renders == []  # nothing went through the stamping renderer
    assert plain == stamped


@pytest.mark.parametrize(("version", "supported"), [("3.11.0", True), ("3.11.2rc1", True),
                                                    ("3.12.0", False), ("4.0", False),
                                                    ("dev", False)])
def test_stamping_is_used_only_on_tested_versions(version, supported):
    assert chart_stamps.stamping_supported(version) is supported


def test_a_changed_glyph_hand_over_falls_back_to_plain_drawing(monkeypatch):
    forget_texts()

    def changed(*_args):
        raise AttributeError("draw_text_image")

    monkeypatch.setattr(StampingRenderer, "_rendered", changed)
    monkeypatch.setattr(chart_stamps, "_broken", type(chart_stamps._broken)())
    texts = [(0.05, 0.10, "KW 47 · 1.000 €", 13, 0)]

    assert np.array_equal(_pixels(StampingCanvas, texts), _pixels(FigureCanvasAgg, texts))
    assert chart_stamps._broken.is_set() and chart_stamps.canvas_class() is FigureCanvasAgg


def _pixels(canvas_class, texts) -> np.ndarray:
    figure = Figure(figsize=(4, 3), dpi=120)
    canvas = canvas_class(figure)
    for x, y, text, size, rotation in texts:
        figure.text(x, y, text, fontsize=size, rotation=rotation)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def test_a_text_stamped_at_other_whole_pixels_matches_fresh_rendering(renders):
    # 4 x 3 inches at 120 dpi: 480 x 360 px; whole-pixel steps of 0.25 and 0.05 apart
    texts = [(0.05, 0.10, "KW 47 · 1.000 €", 13, 0), (0.30, 0.35, "KW 47 · 1.000 €", 13, 0),
             (0.05, 0.60, "Stunden", 13, 90), (0.55, 0.25, "Stunden", 13, 90)]

    stamped = _pixels(StampingCanvas, texts)

    assert renders == ["KW 47 · 1.000 €", "Stunden"]  # the second of each was stamped
    assert np.array_equal(stamped, _pixels(FigureCanvasAgg, texts))


def test_the_kept_glyphs_are_bounded(renders, monkeypatch):
    monkeypatch.setattr(chart_stamps, "MAX_TEXTS", 3)
    _pixels(StampingCanvas, [(0.1, 0.1 * n, f"text {n}", 12, 0) for n in range(1, 8)])

    assert 0 < kept_texts() <= 3
