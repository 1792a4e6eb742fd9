"""Placing a chart's axes as `tight_layout` would, from the few texts that decide the margins.

`tight_layout` lays out every tick label of every axis to find the margins, and the draw then
lays them all out again: for the digest's charts that was a quarter of their cost. The margins
depend only on the title, the axis labels, the widest tick label of each axis and a legend, so
here tick texts come from each axis' own locator and formatter (what the draw will show), and
each distinct text is measured once per process (they repeat from chart to chart).

Supported: one column of axes (rows may share x), titles, axis labels, tick labels, legends
placed with `Figure.legend` below the axes. Other artists outside the axes are not looked at.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from matplotlib import rcParams
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

PAD = 1.08  # as tight_layout: the padding around the axes, in multiples of the font size
_TEXT = TextToPath()


@lru_cache(maxsize=8192)
def _extent_pt(text: str, size: float, weight: str) -> tuple[float, float]:
    """Width and height in points of one line of text (its height at least that of 'lp')."""
    font = FontProperties(size=size, weight=weight)
    width, height, _ = _TEXT.get_text_width_height_descent(text, font, ismath=False)
    _, line_height, _ = _TEXT.get_text_width_height_descent("lp", font, ismath=False)
    return width, max(height, line_height)


def _text_pt(artist) -> tuple[float, float]:
    """Width and height in points of a Text artist (0 when empty or hidden)."""
    text = artist.get_text()
    if not text or not artist.get_visible():
        return 0.0, 0.0
    return _extent_pt(text, artist.get_fontsize(), str(artist.get_fontweight()))


def _ticks(axis: Axis) -> list[tuple[float, str]]:
    """The major ticks the draw will show with their labels, from the axis' locator and
    formatter (all located ticks are formatted, then those outside the view dropped, as the
    draw does)."""
    low, high = sorted(axis.get_view_interval())
    locations = list(axis.get_major_locator()())
    texts = axis.get_major_formatter().format_ticks(locations)
    return [(v, t) for v, t in zip(locations, texts, strict=True)
            if t and low - 1e-9 <= v <= high + 1e-9]


def _label_font_size(axis: Axis) -> float:
    params = axis.get_tick_params(which="major")
    size = params.get("labelsize", rcParams[f"{axis.axis_name}tick.labelsize"])
    return FontProperties(size=size).get_size_in_points()


def _label_size(axis: Axis, shown_key: str) -> tuple[float, float]:
    """Space in points the tick marks and labels take outside the axes (0 if labels hidden)."""
    params = axis.get_tick_params(which="major")
    if not params.get(shown_key, True):
        return 0.0, 0.0
    name, size = axis.axis_name, _label_font_size(axis)
    ticks = _ticks(axis)
    if not ticks:
        return 0.0, 0.0
    extents = [_extent_pt(text, size, "normal") for _, text in ticks]
    reach = float(params.get("length", rcParams[f"{name}tick.major.size"])) + float(
        params.get("pad", rcParams[f"{name}tick.major.pad"]))
    return max(w for w, _ in extents) + reach, max(h for _, h in extents) + reach


def _titles(ax: Axes) -> list:
    """The axes' three title texts (centre, left, right); matplotlib keeps the side ones as
    attributes without a public getter for the artist."""
    return [ax.title, getattr(ax, "_left_title", ax.title), getattr(ax, "_right_title", ax.title)]


@dataclass
class _Margins:
    left: float
    right: float
    top: float
    bottom: float
    y_ticks: float  # the width the y tick labels take left of the axes
    x_ticks: float  # the height the x tick labels take below the axes


def _margins(ax: Axes) -> _Margins:
    """Points each side of one axes needs for its texts."""
    y_width, _ = _label_size(ax.yaxis, "labelleft")
    _, x_height = _label_size(ax.xaxis, "labelbottom")
    _, y_label = _text_pt(ax.yaxis.label)
    _, x_label = _text_pt(ax.xaxis.label)
    label_pad = rcParams["axes.labelpad"]
    title = max(_text_pt(t)[1] for t in _titles(ax))
    return _Margins(left=y_width + (y_label + label_pad if y_label else 0),
                    right=0.0,
                    top=title + rcParams["axes.titlepad"] if title else 0.0,
                    bottom=x_height + (x_label + label_pad if x_label else 0),
                    y_ticks=y_width, x_ticks=x_height)


def _place_labels(ax: Axes, margins: _Margins, width_pt: float, height_pt: float) -> None:
    """Put the axis labels beside the tick labels, so the draw need not measure every tick
    label of the axis (and of its siblings) again to place them."""
    pad = rcParams["axes.labelpad"]
    if width_pt > 0:
        ax.yaxis.set_label_coords(-(margins.y_ticks + pad) / width_pt, 0.5)
    if height_pt > 0:
        ax.xaxis.set_label_coords(0.5, -(margins.x_ticks + pad) / height_pt)


def _legend_height_pt(figure: Figure) -> float:
    """Points the figure's legends take at the bottom (stacked)."""
    if not figure.legends:
        return 0.0
    renderer = figure.canvas.get_renderer()
    return sum(legend.get_window_extent(renderer).height for legend in figure.legends) * 72 / figure.dpi


def _last_x_overflow_pt(ax: Axes, axes_width_pt: float) -> float:
    """How far the last x tick label reaches past the right edge of the axes."""
    shown = ax.xaxis.get_tick_params(which="major").get("labelbottom", True)
    ticks = _ticks(ax.xaxis) if shown else []
    if not ticks:
        return 0.0
    low, high = sorted(ax.get_xlim())
    location, text = max(ticks)
    half = _extent_pt(text, _label_font_size(ax.xaxis), "normal")[0] / 2
    return max(0.0, half - (high - location) / (high - low) * axes_width_pt)


def fit(figure: Figure, rect: tuple[float, float, float, float] = (0, 0, 1, 1)) -> None:
    """Set the figure's subplot parameters so every axes' texts fit inside `rect` (figure
    fractions left, bottom, right, top); legends added with `Figure.legend` sit below."""
    axes = [ax for ax in figure.axes if ax.get_visible()]
    if not axes:
        return
    width_pt, height_pt = (float(v) * 72 for v in figure.get_size_inches())
    pad = PAD * rcParams["font.size"]
    margins = [_margins(ax) for ax in axes]
    legends = _legend_height_pt(figure)
    left = rect[0] * width_pt + pad + max(m.left for m in margins)
    right = (1 - rect[2]) * width_pt + pad
    top = (1 - rect[3]) * height_pt + pad + margins[0].top
    bottom = rect[1] * height_pt + pad + margins[-1].bottom + (legends + pad / 2 if legends else 0)
    right += max(_last_x_overflow_pt(ax, width_pt - left - right) for ax in axes)
    for legend in figure.legends:  # below the axes, aligned with their left edge
        legend.set_bbox_to_anchor((left / width_pt, rect[1]), transform=figure.transFigure)
    gaps = [upper.bottom + lower.top + pad for upper, lower in zip(margins, margins[1:], strict=False)]
    rows = len(axes)
    axes_height = (height_pt - top - bottom - sum(gaps)) / rows
    for ax, margin in zip(axes, margins, strict=True):
        _place_labels(ax, margin, width_pt - left - right, axes_height)
    figure.subplots_adjust(left=left / width_pt, right=1 - right / width_pt, top=1 - top / height_pt,
                           bottom=bottom / height_pt,
                           hspace=(max(gaps) / axes_height) if gaps and axes_height > 0 else None)
