"""Agg drawing that renders each text's glyphs once and stamps them again after.

A digest's charts draw ~80 texts, and FreeType laying them out and rendering their glyphs was
about a sixth of a digest's CPU time. The same texts come back chart after chart and workspace
after workspace ("KW 47", "1.000 €", the titles, the legend), mostly at the same sub-pixel
offsets. `StampingRenderer.draw_text` keeps the glyph images matplotlib rendered for a text,
keyed by everything that decides them (text, font, size, angle, resolution, the position's
fraction of a pixel, anti-aliasing, hinting), and draws them again at the new whole-pixel
position: the same pixels as rendering afresh (tests compare the bytes). It also answers Text's
layout hook for a font's ascent, descent and line gap from a table read once, where matplotlib
reads the font's tables again for every text it places.

It relies on matplotlib 3.11's Agg backend handing each glyph image to its C++ renderer's
`draw_text_image` (pinned in pyproject.toml); maths text is left to matplotlib.
"""

from __future__ import annotations

import math
import threading

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.font_manager import FontProperties, fontManager, get_font

MAX_TEXTS = 8192  # ~80 texts a digest; a few MB of glyph images at most
_stamps: dict[tuple, list[tuple[np.ndarray, int, int]]] = {}
_heights: dict[tuple, tuple] = {}
# Where Text's layout reads a font's vertical extent, in this order (matplotlib 3.11, text.py).
_HEIGHT_TABLES = (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                  ("hhea", "lineGap", "ascent", "descent"))
_lock = threading.Lock()


def _font_key(prop: FontProperties) -> tuple:
    return (tuple(prop.get_family()), prop.get_style(), prop.get_variant(), prop.get_weight(),
            prop.get_stretch(), prop.get_size_in_points(), prop.get_file(),
            prop.get_math_fontfamily())


class _Recorder:
    """Stands in for the C++ renderer while one text is drawn: keeps its glyph images."""

    def __init__(self) -> None:
        self.glyphs: list[tuple[np.ndarray, int, int]] = []

    def draw_text_image(self, image, x: int, y: int, angle: float, _gc) -> None:
        if angle != 0 or not isinstance(image, np.ndarray):
            raise TypeError("glyphs are expected as upright images")
        self.glyphs.append((image.copy(), int(x), int(y)))


def _height_metrics(prop: FontProperties, dpi: float) -> tuple:
    """(ascent, descent, line gap) as Text's layout computes them from the font's tables."""
    font = get_font(fontManager._find_fonts_by_props(prop))
    for table_name, gap_key, ascent_key, descent_key in _HEIGHT_TABLES:
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        fontsize = prop.get_size_in_points()
        units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
        scale = 1 / units_per_em * fontsize * dpi / 72
        return table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale
    return None, None, None


class StampingRenderer(RendererAgg):
    """Agg's renderer, drawing a text seen before from its kept glyph images."""

    def _get_font_height_metrics(self, prop):
        """The hook Text's layout asks before reading the font's tables itself (for every
        text, every time): read once per font, size and resolution."""
        key = (_font_key(prop), self.dpi)
        metrics = _heights.get(key)
        if metrics is None:
            metrics = _heights[key] = _height_metrics(prop, self.dpi)
        return metrics

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath:
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        whole_x, whole_y = math.floor(x), math.floor(y)
        features = (tuple(mtext.get_fontfeatures() or ()), mtext.get_language()) \
            if mtext is not None else ((), None)
        key = (s, _font_key(prop), angle, x - whole_x, y - whole_y, self.dpi, self.height,
               bool(gc.get_antialiased()), get_hinting_flag(), features)
        glyphs = _stamps.get(key)
        if glyphs is None:
            glyphs = self._rendered(gc, x, y, s, prop, angle, mtext, whole_x, whole_y)
            with _lock:
                if len(_stamps) >= MAX_TEXTS:
                    _stamps.clear()
                _stamps[key] = glyphs
        for image, left, top in glyphs:
            self._renderer.draw_text_image(image, left + whole_x, top + whole_y, 0, gc)
        return None

    def _rendered(self, gc, x, y, s, prop, angle, mtext, whole_x: int, whole_y: int):
        """The text's glyph images as matplotlib renders them, placed relative to the whole
        pixel at (x, y)."""
        renderer, recorder = self._renderer, _Recorder()
        self._renderer = recorder
        try:
            super().draw_text(gc, x, y, s, prop, angle, False, mtext)
        finally:
            self._renderer = renderer
        return [(image, left - whole_x, top - whole_y) for image, left, top in recorder.glyphs]


class StampingCanvas(FigureCanvasAgg):
    """FigureCanvasAgg whose renderer is a StampingRenderer."""

    def get_renderer(self):
        renderer = super().get_renderer()
        if type(renderer) is RendererAgg:
            renderer.__class__ = StampingRenderer
        return renderer


def kept_texts() -> int:
    return len(_stamps)


def forget_texts() -> None:
    with _lock:
        _stamps.clear()
