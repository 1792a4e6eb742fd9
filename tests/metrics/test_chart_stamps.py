"""Texts drawn from kept glyph images (and placed with font heights read once) are the very
pixels matplotlib renders afresh."""

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

    # matplotlib's own text drawing, and its own reading of each font's height
    monkeypatch.setattr(StampingRenderer, "draw_text", RendererAgg.draw_text)
    monkeypatch.delattr(StampingRenderer, "_get_font_height_metrics")
    plain = {name: draw() for name, draw in CHARTS.items()}
    assert first == plain
    assert again == plain


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
