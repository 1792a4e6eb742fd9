"""Every chart cache of the process in one call, for the process state to reset."""

from __future__ import annotations

from metrics import chart_layout, chart_output, chart_stamps


def reset_chart_caches() -> None:
    """Forget the glyph stamps, this thread's spare figures, the formatted tick texts and the
    measured label sizes (each is bounded; this empties them)."""
    chart_stamps.forget_texts()
    chart_output.drop_spares()
    for cached in (chart_output.money_text, chart_output.number_text, chart_layout._extent_pt):
        cached.cache_clear()
