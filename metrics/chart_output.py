"""Making chart figures cheaply: figures reused per thread, one Agg draw, palette PNG, cached ticks.

A digest draws the same few chart shapes again and again. Creating a matplotlib Figure, drawing
it through `savefig` and formatting tick labels with Babel each time cost more than the lines
themselves; here a figure is drawn once on Agg, encoded from its pixels, then emptied (its axes and
ticks kept) for the next chart of its size on the same thread (so memory stays flat over any number of
digests), and tick texts are formatted once per value.

The pixels are stored as a 256-colour palette PNG (Pillow's fast octree, no dithering): a chart
has a few colours and their anti-aliased edges, so no channel moves by more than a few steps,
while encoding takes a third of the time of RGB and the file is about a third of the size.
"""

from __future__ import annotations

import io
import threading
from functools import lru_cache

from babel.numbers import format_currency, format_decimal
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import AutoLocator, ScalarFormatter
from PIL import Image

from metrics.chart_setup import configure_charts
from metrics.chart_stamps import canvas_class

LOCALES = {"de": "de_DE", "en": "en_US"}
COMPRESS_LEVEL = 3
PALETTE = 256
_SPARE = threading.local()


def _spare() -> dict[tuple[float, float, int], Figure]:
    if not hasattr(_SPARE, "figures"):
        _SPARE.figures = {}
    return _SPARE.figures


def spare_count() -> int:
    """How many emptied figures this thread keeps (at most one per size and number of rows)."""
    return len(_spare())


def drop_spares() -> None:
    """Forget this thread's emptied figures (the next charts start from new ones)."""
    _spare().clear()


def figure_with_axes(size: tuple[float, float], dpi: int, rows: int = 1) -> tuple[Figure, list[Axes]]:
    """A figure of this size with `rows` axes in one column sharing x, nothing drawn on them:
    this thread's spare one (its axes and their ticks kept) or a new one."""
    configure_charts()
    key = (float(size[0]), float(size[1]), rows)
    figure = _spare().pop(key, None)
    if figure is None or figure.dpi != dpi:
        figure = Figure(figsize=size, dpi=dpi)
        canvas_class()(figure)
        figure.subplots(rows, 1, sharex=True, squeeze=False)
    return figure, list(figure.axes)


def _emptied(figure: Figure) -> Figure:
    """The figure with everything a chart put on it removed and its axes back to their
    defaults; creating axes and their ticks anew cost more than drawing a chart's lines."""
    for artist in [*figure.legends, *figure.texts]:
        artist.remove()
    for ax in figure.axes:
        for container in list(ax.containers):
            container.remove()
        for artist in [*ax.lines, *ax.patches, *ax.collections, *ax.texts, *ax.images,
                       *ax.tables, *ax.artists]:
            artist.remove()
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        for side in ("left", "center", "right"):
            ax.set_title("", loc=side)
        ax.set_xlabel("")
        ax.set_ylabel("")
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_locator(AutoLocator())
            axis.set_major_formatter(ScalarFormatter())
        ax.relim()
        ax.set_autoscale_on(True)
    return figure


def png_bytes(figure: Figure, dpi: int) -> bytes:
    """The figure as PNG at `dpi` (as `savefig(dpi=…)` would), drawn once on Agg and encoded
    with a palette (the background is opaque); the figure is then emptied and kept as this
    thread's spare of its size."""
    wanted = canvas_class()
    canvas = figure.canvas if type(figure.canvas) is wanted else wanted(figure)
    own_dpi = figure.dpi
    figure.dpi = dpi
    canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw",
                             "RGBA", 0, 1).convert("RGB").quantize(
        PALETTE, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=COMPRESS_LEVEL, dpi=(dpi, dpi))
    figure.dpi = own_dpi
    width, height = figure.get_size_inches()
    _spare()[(float(width), float(height), len(figure.axes))] = _emptied(figure)
    return buffer.getvalue()


@lru_cache(maxsize=4096)
def money_text(value: float, lang: str, currency: str) -> str:
    """A tick's amount, formatted once per value (tick values repeat from chart to chart)."""
    return format_currency(value, currency, format="¤#,##0.##" if lang == "en" else "#,##0.##\u00a0¤",
                           locale=LOCALES.get(lang, "en_US"), currency_digits=False)


@lru_cache(maxsize=4096)
def number_text(value: float, lang: str) -> str:
    return format_decimal(value, format="#,##0.#", locale=LOCALES.get(lang, "en_US"))
