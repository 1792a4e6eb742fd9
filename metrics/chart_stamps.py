"""Agg drawing that renders each text's glyphs once and stamps them again after.

A digest's charts draw ~80 texts, and FreeType laying them out and rendering their glyphs was
about a sixth of a digest's CPU time. The same texts come back chart after chart and workspace
after workspace ("KW 47", "1.000 €", the titles, the legend), mostly at the same sub-pixel
offsets. `StampingRenderer.draw_text` keeps the glyph images matplotlib rendered for a text,
keyed by everything that decides them (text, font, size, angle, resolution, the position's
fraction of a pixel, anti-aliasing, hinting), and draws them again at the new whole-pixel
position: the same pixels as rendering afresh (tests compare the bytes).

It relies on how matplotlib's Agg backend hands each glyph image to its C++ renderer
(`draw_text_image`), which is not public API: `canvas_class()` uses it only on the matplotlib
versions it was tested with (`TESTED`) and falls back to plain Agg on any other, and a renderer
that finds the hand-over changed draws plainly from then on. Maths text is left to matplotlib.
"""

from __future__ import annotations

import math
import threading

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.font_manager import FontProperties

MAX_TEXTS = 8192  # ~80 texts a digest; a few MB of glyph images at most
TESTED = ((3, 11),)  # matplotlib (major, minor) whose Agg text drawing the tests compared
_stamps: dict[tuple, list[tuple[np.ndarray, int, int]]] = {}
_lock = threading.Lock()
_broken = threading.Event()  # set when the glyph hand-over was found changed


def stamping_supported(version: str | None = None) -> bool:
    """Whether this matplotlib version is one the stamping was tested with."""
    parts = (version or matplotlib.__version__).split(".")
    try:
        return (int(parts[0]), int(parts[1])) in TESTED and not _broken.is_set()
    except (IndexError, ValueError):
        return False


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


class StampingRenderer(RendererAgg):
    """Agg's renderer, drawing a text seen before from its kept glyph images."""

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath or _broken.is_set():
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        whole_x, whole_y = math.floor(x), math.floor(y)
        features = (tuple(mtext.get_fontfeatures() or ()), mtext.get_language()) \
            if mtext is not None else ((), None)
        key = (s, _font_key(prop), angle, x - whole_x, y - whole_y, self.dpi, self.height,
               bool(gc.get_antialiased()), get_hinting_flag(), features)
        glyphs = _stamps.get(key)
        if glyphs is None:
            try:
                glyphs = self._rendered(gc, x, y, s, prop, angle, mtext, whole_x, whole_y)
            except (TypeError, AttributeError):  # matplotlib drew differently: draw plainly
                _broken.set()
                return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
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


def canvas_class() -> type[FigureCanvasAgg]:
    """The stamping canvas on a tested matplotlib, else plain Agg."""
    return StampingCanvas if stamping_supported() else FigureCanvasAgg


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
